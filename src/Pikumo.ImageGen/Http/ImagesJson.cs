using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// The wire shape of an OpenAI-style images answer (<c>ImagesResponse</c>) and of one streaming event, read by
/// source-generated System.Text.Json. <c>b64_json</c> is a <c>byte[]</c>: the serializer decodes the base64 from its
/// buffer straight into one exactly-sized array (no base64 string in between). Unknown properties (Azure's
/// content-filter annotations, future fields) are passed over; a known field with an unexpected JSON type is ignored,
/// as a provider's echo must not cost the images.
/// </summary>
internal sealed class ImagesJson
{
    [JsonPropertyName("created")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Created { get; set; }

    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? CreatedAt { get; set; }

    [JsonPropertyName("data")]
    public List<ImageJson?>? Data { get; set; }

    [JsonPropertyName("usage")]
    public UsageJson? Usage { get; set; }

    [JsonPropertyName("size")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Size { get; set; }

    [JsonPropertyName("quality")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Quality { get; set; }

    [JsonPropertyName("background")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Background { get; set; }

    [JsonPropertyName("output_format")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? OutputFormat { get; set; }

    /// <summary>Streaming events: the event type.</summary>
    [JsonPropertyName("type")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Type { get; set; }

    /// <summary>Streaming events: the partial image index.</summary>
    [JsonPropertyName("partial_image_index")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? PartialImageIndex { get; set; }

    /// <summary>Streaming events carry their image at the root.</summary>
    [JsonPropertyName("b64_json")]
    public byte[]? B64Json { get; set; }

    /// <summary>An error object inside a 200 answer, or an SSE <c>error</c> event's message.</summary>
    [JsonPropertyName("error")]
    public JsonElement? Error { get; set; }
}

/// <summary>One entry of <c>data</c>.</summary>
internal sealed class ImageJson
{
    [JsonPropertyName("b64_json")]
    public byte[]? B64Json { get; set; }

    [JsonPropertyName("url")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Url { get; set; }

    [JsonPropertyName("revised_prompt")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? RevisedPrompt { get; set; }
}

/// <summary><c>usage</c>, with the optional input and output splits.</summary>
internal sealed class UsageJson
{
    [JsonPropertyName("input_tokens")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? InputTokens { get; set; }

    [JsonPropertyName("output_tokens")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? OutputTokens { get; set; }

    [JsonPropertyName("total_tokens")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? TotalTokens { get; set; }

    [JsonPropertyName("input_tokens_details")]
    public TokenSplitJson? InputTokensDetails { get; set; }

    [JsonPropertyName("output_tokens_details")]
    public TokenSplitJson? OutputTokensDetails { get; set; }
}

/// <summary><c>input_tokens_details</c> / <c>output_tokens_details</c>.</summary>
internal sealed class TokenSplitJson
{
    [JsonPropertyName("text_tokens")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? TextTokens { get; set; }

    [JsonPropertyName("image_tokens")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? ImageTokens { get; set; }
}

/// <summary>A string, or nothing when the value is another JSON type.</summary>
internal sealed class LenientStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>An integer, or nothing when the value is another JSON type or out of range.</summary>
internal sealed class LenientInt64Converter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
        {
            return value;
        }

        reader.Skip();
        return null;
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>The source-generated metadata: no reflection, trim- and AOT-safe.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata, MaxDepth = 64)]
[JsonSerializable(typeof(ImagesJson))]
internal sealed partial class ImagesJsonContext : JsonSerializerContext;
