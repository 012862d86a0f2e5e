using System.Text.Json;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// Parses an images JSON document held in memory (one streaming event, or an answer whose images
/// <see cref="ImagesStreamingReader"/> took out as they arrived) with source-generated System.Text.Json
/// (<see cref="ImagesJsonContext"/>) into an <see cref="ImagesPayload"/>. Every failure is an
/// <see cref="InvalidDataException"/> the transport turns into <see cref="ImageGenProtocolException"/>.
/// </summary>
internal static class ImagesResponseReader
{
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
}
