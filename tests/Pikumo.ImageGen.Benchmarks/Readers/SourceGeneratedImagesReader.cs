using System.Text.Json;
using System.Text.Json.Serialization;
using Pikumo.ImageGen.Http;

namespace Pikumo.ImageGen.Benchmarks.Readers;

/// <summary>
/// The alternative to the hand-written <c>ImagesJsonParser</c>: source-generated System.Text.Json deserialising the
/// same OpenAI <c>ImagesResponse</c> (b64_json straight into <c>byte[]</c>) over the same size-capped stream, mapped
/// to the same <see cref="ImagesPayload"/>. Written to be measured side by side (ReaderBenchmarks); docs/performance.md
/// has the numbers and the decision.
/// </summary>
internal static class SourceGeneratedImagesReader
{
    public static async Task<ImagesPayload> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        var capped = new CappedStream(stream, maxBytes);
        var dto = await JsonSerializer.DeserializeAsync(capped, ImagesJsonContext.Default.ImagesResponseDto, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("The response is JSON null.");
        return Map(dto);
    }

    private static ImagesPayload Map(ImagesResponseDto dto)
    {
        var payload = new ImagesPayload
        {
            Created = dto.Created ?? dto.CreatedAt,
            Size = dto.Size,
            Quality = dto.Quality,
            Background = dto.Background,
            OutputFormat = dto.OutputFormat,
            Type = dto.Type,
            PartialImageIndex = dto.PartialImageIndex,
        };
        foreach (var item in dto.Data ?? [])
        {
            payload.Images.Add(new DecodedImage { Data = item.B64Json, Url = item.Url, RevisedPrompt = item.RevisedPrompt });
        }

        if (dto.B64Json is not null)
        {
            payload.Images.Add(new DecodedImage { Data = dto.B64Json });
        }

        if (dto.Usage is { } usage)
        {
            payload.Usage = new ImageUsage
            {
                InputTokens = usage.InputTokens,
                OutputTokens = usage.OutputTokens,
                TotalTokens = usage.TotalTokens == 0 ? usage.InputTokens + usage.OutputTokens : usage.TotalTokens,
                InputImageTokens = usage.InputTokensDetails?.ImageTokens ?? 0,
                InputTextTokens = usage.InputTokensDetails?.TextTokens ?? Math.Max(0, usage.InputTokens - (usage.InputTokensDetails?.ImageTokens ?? 0)),
                OutputTextTokens = usage.OutputTokensDetails?.TextTokens ?? 0,
                OutputImageTokens = usage.OutputTokensDetails?.ImageTokens ?? Math.Max(0, usage.OutputTokens - (usage.OutputTokensDetails?.TextTokens ?? 0)),
            };
        }

        if (dto.Error is { ValueKind: JsonValueKind.Object } error)
        {
            payload.ErrorMessage = Text(error, "message");
            payload.ErrorCode = Text(error, "code");
            payload.ErrorType = Text(error, "type");
            payload.ErrorParameter = Text(error, "param");
        }
        else if (dto.Error is { ValueKind: JsonValueKind.String } message)
        {
            payload.ErrorMessage = message.GetString();
        }

        return payload;
    }

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>Fails once more than the cap has been read.</summary>
    private sealed class CappedStream(Stream inner, long maxBytes) : Stream
    {
        private long _total;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _total; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            _total += read;
            return _total > maxBytes ? throw new InvalidDataException($"The response is larger than the {maxBytes:N0}-byte cap.") : read;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

internal sealed class ImagesResponseDto
{
    [JsonPropertyName("created")] public long? Created { get; set; }

    [JsonPropertyName("created_at")] public long? CreatedAt { get; set; }

    [JsonPropertyName("data")] public List<ImageDataDto>? Data { get; set; }

    [JsonPropertyName("usage")] public UsageDto? Usage { get; set; }

    [JsonPropertyName("size")] public string? Size { get; set; }

    [JsonPropertyName("quality")] public string? Quality { get; set; }

    [JsonPropertyName("background")] public string? Background { get; set; }

    [JsonPropertyName("output_format")] public string? OutputFormat { get; set; }

    [JsonPropertyName("type")] public string? Type { get; set; }

    [JsonPropertyName("partial_image_index")] public int? PartialImageIndex { get; set; }

    [JsonPropertyName("b64_json")] public byte[]? B64Json { get; set; }

    [JsonPropertyName("error")] public JsonElement? Error { get; set; }
}

internal sealed class ImageDataDto
{
    [JsonPropertyName("b64_json")] public byte[]? B64Json { get; set; }

    [JsonPropertyName("url")] public string? Url { get; set; }

    [JsonPropertyName("revised_prompt")] public string? RevisedPrompt { get; set; }
}

internal sealed class UsageDto
{
    [JsonPropertyName("input_tokens")] public long InputTokens { get; set; }

    [JsonPropertyName("output_tokens")] public long OutputTokens { get; set; }

    [JsonPropertyName("total_tokens")] public long TotalTokens { get; set; }

    [JsonPropertyName("input_tokens_details")] public TokenDetailsDto? InputTokensDetails { get; set; }

    [JsonPropertyName("output_tokens_details")] public TokenDetailsDto? OutputTokensDetails { get; set; }
}

internal sealed class TokenDetailsDto
{
    [JsonPropertyName("text_tokens")] public long? TextTokens { get; set; }

    [JsonPropertyName("image_tokens")] public long? ImageTokens { get; set; }
}

[JsonSerializable(typeof(ImagesResponseDto))]
internal sealed partial class ImagesJsonContext : JsonSerializerContext;
