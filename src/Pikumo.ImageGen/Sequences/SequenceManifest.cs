using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// The on-disk format of a run's <c>manifest.json</c>: the write-ahead journal the runner rewrites atomically at every
/// step of every paid call. Internal and mutable on purpose; the public, read-only view is <see cref="SequenceRunManifest"/>.
/// </summary>
internal sealed partial record SequenceManifest
{
    /// <summary>The manifest's file name inside the run's folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The format version.</summary>
    public int Version { get; init; } = 1;

    /// <summary>References generated for a story without photos.</summary>
    public List<SequenceManifestEntry> References { get; init; } = [];

    /// <summary>Preview composites, one per chunk.</summary>
    public List<SequenceManifestEntry> Composites { get; init; } = [];

    /// <summary>Frames of both tiers.</summary>
    public List<SequenceManifestEntry> Frames { get; init; } = [];

    /// <summary>Reads the manifest of a run's folder; <see langword="null"/> when the folder has none.</summary>
    public static async Task<SequenceManifest?> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, SequenceJsonContext.Default.SequenceManifest, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"'{path}' is empty.");
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not a sequence manifest: {ex.Message}", ex);
        }
    }

    internal byte[] ToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(this, SequenceJsonContext.Default.SequenceManifest);

    /// <summary>Reads a manifest from its bytes (from any <see cref="ISequenceStoryStore"/>).</summary>
    internal static SequenceManifest Parse(ReadOnlySpan<byte> utf8, string location)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8, SequenceJsonContext.Default.SequenceManifest) ?? throw new InvalidDataException($"'{location}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{location}' is not a sequence manifest: {ex.Message}", ex);
        }
    }
}

/// <summary>One file a run made, and where it came from, as the manifest stores it (states and tiers as wire strings).</summary>
internal sealed partial record SequenceManifestEntry
{
    /// <summary><c>preview</c>, <c>final</c> or <c>reference</c>.</summary>
    public string Tier { get; init; } = string.Empty;

    /// <summary>The beat index (frames) or reference index (references); -1 for composites.</summary>
    public int Beat { get; init; } = -1;

    /// <summary>The beat text (or reference prompt) the file was made for; a rerun reuses the file only for the same text.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The chunk.</summary>
    public int Chunk { get; init; }

    /// <summary>The file, relative to the run's folder.</summary>
    public string? File { get; init; }

    /// <summary>The file's SHA-256 (hex): a file that does not match is made again.</summary>
    public string? Sha256 { get; init; }

    /// <summary>
    /// <c>in_flight</c> (the call was started; its outcome is not known yet), <c>answered</c> (the image arrived and its
    /// SHA-256 is recorded; the file may not be written yet), <c>done</c>, <c>failed</c> (the provider refused, or the
    /// call surely did not run: not billed) or <c>unknown</c> (the call may have run and been billed, but gave no image).
    /// </summary>
    public string Status { get; init; } = "done";

    /// <summary>The provider the call went to (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>).</summary>
    public string? Provider { get; init; }

    /// <summary>The model the call asked for.</summary>
    public string? Model { get; init; }

    /// <summary>
    /// How many earlier calls for this file may have been billed without giving an image (outcome unknown, then made
    /// again under <see cref="UnknownOutcomePolicy.Regenerate"/>): each one may have been paid twice.
    /// </summary>
    public int PossiblyBilledTwice { get; init; }

    /// <summary>
    /// How many calls this run made for the entry before it was answered or given up (only failures that surely did
    /// not run are tried again, see <see cref="SequenceRequest.FrameAttempts"/>); <see langword="null"/> when not recorded.
    /// </summary>
    public int? Attempts { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>The provider's request id; for fal the queue job's id, recorded as soon as the submission returns, so a resume fetches the job instead of paying again.</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// The call's fingerprint, recorded before it was sent: SHA-256 over the SHA-256 of its wire prompt and of each
    /// input image. A fal submission whose job id never reached the journal is found again in fal's request history by
    /// it; neither prompts nor photos are stored here.
    /// </summary>
    public string? CallSha256 { get; init; }

    /// <summary>When the call went in flight; a lost fal submission is looked for among requests sent after it.</summary>
    public DateTimeOffset? InFlightSince { get; init; }

    /// <summary>The composite panel (preview frames).</summary>
    public string? Panel { get; init; }

    /// <summary>The references the call was made from.</summary>
    public List<string> References { get; init; } = [];

    /// <summary>The consent records of the subjects the call showed (<see cref="Specs.PromptSpecBuilder.WithConsent"/>); <see langword="null"/> when none were given.</summary>
    public List<Privacy.ConsentRecord>? Consents { get; init; }

    /// <summary>Quality and size asked for; a rerun with other settings makes the file again.</summary>
    public string Settings { get; init; } = string.Empty;

    /// <summary>Cost in USD.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Whether the cost was estimated.</summary>
    public bool CostEstimated { get; init; }

    /// <summary>Token usage.</summary>
    public ImageUsage? Usage { get; init; }

    /// <summary>How long the call took, in milliseconds.</summary>
    public double ElapsedMs { get; init; }
}

/// <summary>Source-generated JSON for manifests (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SequenceManifest))]
internal sealed partial class SequenceJsonContext : JsonSerializerContext;
