using System.Text.Json;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// Reads an images JSON answer (or one streaming event) with source-generated System.Text.Json
/// (<see cref="ImagesJsonContext"/>) into an <see cref="ImagesPayload"/>. The body is read from the network stream
/// through a size cap; each <c>b64_json</c> is decoded into one exactly-sized array, so a call allocates 1.00× its
/// decoded images (measured against the hand-written reader it replaced: tests/Pikumo.ImageGen.Benchmarks
/// ReaderBenchmarks, docs/performance.md). Every failure is an <see cref="InvalidDataException"/> the transport turns
/// into <see cref="ImageGenProtocolException"/>.
/// </summary>
internal static class ImagesResponseReader
{
    /// <summary>Parses the stream.</summary>
    /// <exception cref="InvalidDataException">Not JSON, truncated, wrong shape, invalid base64, or over <paramref name="maxBytes"/>.</exception>
    public static async Task<ImagesPayload> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        var capped = new CappedReadStream(stream, maxBytes);
        ImagesJson? json;
        try
        {
            json = await JsonSerializer.DeserializeAsync(capped, ImagesJsonContext.Default.ImagesJson, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException) when (capped.BytesRead == 0)
        {
            throw new InvalidDataException("The response body is empty.");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw Invalid(ex);
        }

        return Map(json);
    }

    /// <summary>Parses a complete JSON document held in memory (one streaming event).</summary>
    /// <exception cref="InvalidDataException">Not JSON, truncated, wrong shape or invalid base64.</exception>
    public static ImagesPayload Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return Map(JsonSerializer.Deserialize(json, ImagesJsonContext.Default.ImagesJson));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            throw Invalid(ex);
        }
    }

    private static InvalidDataException Invalid(Exception ex)
    {
        if (ex is JsonException { Path: { } path, InnerException: FormatException } && path.EndsWith(".b64_json", StringComparison.Ordinal))
        {
            var field = path.StartsWith("$.data[", StringComparison.Ordinal) ? path[2..] : "b64_json";
            return new InvalidDataException($"{field} is not valid base64.", ex);
        }

        return new InvalidDataException($"The response is not a complete, valid images JSON (truncated or malformed): {ex.Message}", ex);
    }

    private static ImagesPayload Map(ImagesJson? json)
    {
        if (json is null)
        {
            throw new InvalidDataException("The response is JSON null, not an object.");
        }

        var payload = new ImagesPayload
        {
            Created = json.Created ?? json.CreatedAt,
            Size = json.Size,
            Quality = json.Quality,
            Background = json.Background,
            OutputFormat = json.OutputFormat,
            Type = json.Type,
            PartialImageIndex = json.PartialImageIndex is >= int.MinValue and <= int.MaxValue ? (int)json.PartialImageIndex : null,
        };
        foreach (var image in json.Data ?? [])
        {
            if (image is not null)
            {
                payload.Images.Add(new DecodedImage { Data = image.B64Json, Url = image.Url, RevisedPrompt = image.RevisedPrompt });
            }
        }

        if (json.B64Json is { } streamed)
        {
            payload.Images.Add(new DecodedImage { Data = streamed });
        }

        payload.Usage = json.Usage is { } usage ? Usage(usage) : null;
        switch (json.Error)
        {
            case { ValueKind: JsonValueKind.Object } error:
                payload.ErrorMessage = Text(error, "message");
                payload.ErrorCode = Text(error, "code");
                payload.ErrorType = Text(error, "type");
                payload.ErrorParameter = Text(error, "param");
                break;
            case { ValueKind: JsonValueKind.String } message:
                payload.ErrorMessage = message.GetString();
                break;
        }

        return payload;
    }

    /// <summary>Without a split, input is counted as text and output as image tokens.</summary>
    private static ImageUsage Usage(UsageJson usage)
    {
        var input = usage.InputTokens ?? 0;
        var output = usage.OutputTokens ?? 0;
        var total = usage.TotalTokens ?? 0;
        var inputImage = usage.InputTokensDetails?.ImageTokens ?? 0;
        var outputText = usage.OutputTokensDetails?.TextTokens ?? 0;
        return new ImageUsage
        {
            InputTokens = input,
            OutputTokens = output,
            TotalTokens = total == 0 ? input + output : total,
            InputImageTokens = inputImage,
            InputTextTokens = usage.InputTokensDetails?.TextTokens ?? Math.Max(0, input - inputImage),
            OutputTextTokens = outputText,
            OutputImageTokens = usage.OutputTokensDetails?.ImageTokens ?? Math.Max(0, output - outputText),
        };
    }

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>The network stream, failing once more than the cap has been read (reading that one byte proves the answer too large).</summary>
    private sealed class CappedReadStream(Stream inner, long maxBytes) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer[..Room(buffer.Length)], cancellationToken).ConfigureAwait(false);
            return Count(read);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            return Count(inner.Read(buffer, offset, Room(count)));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>At most one byte past the cap is asked for.</summary>
        private int Room(int wanted) => maxBytes - BytesRead < wanted ? (int)(maxBytes - BytesRead) + 1 : wanted;

        private int Count(int read)
        {
            BytesRead += read;
            return BytesRead > maxBytes
                ? throw new InvalidDataException($"The response is larger than the {maxBytes:N0}-byte cap (ImageGenOptions.MaxResponseBytes); reading stopped.")
                : read;
        }
    }
}
