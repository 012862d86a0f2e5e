using System.Text.Json;
using System.Text.Json.Serialization;
using Pikumo.ImageGen.Planning;

namespace Pikumo.ImageGen.Reporting.Internal;

/// <summary>What a report keeps beside a run's manifest: the plan and what each recorded run took.</summary>
internal sealed class ReportRecord
{
    public int Version { get; set; } = 1;

    public SequencePlan? Plan { get; set; }

    public List<SequenceReportRun> Runs { get; set; } = [];
}

internal static class ReportRecordFile
{
    public static async Task<ReportRecord?> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, ReportJsonContext.Default.ReportRecord, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not a report record: {ex.Message}", ex);
        }
    }

    public static Task SaveAsync(string path, ReportRecord record, CancellationToken cancellationToken) =>
        ReportFiles.WriteBytesAsync(path, JsonSerializer.SerializeToUtf8Bytes(record, ReportJsonContext.Default.ReportRecord), cancellationToken);
}

/// <summary>Source-generated JSON for the report record (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ReportRecord))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
