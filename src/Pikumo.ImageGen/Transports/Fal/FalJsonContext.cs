using System.Text.Json.Serialization;

namespace Pikumo.ImageGen.Transports.Fal;

/// <summary>The upload initiation body.</summary>
internal sealed record FalUploadRequest(
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("file_name")] string FileName);

/// <summary>Source-generated JSON for fal's small bodies (trimming- and AOT-safe).</summary>
[JsonSerializable(typeof(FalUploadRequest))]
[JsonSerializable(typeof(string))]
internal sealed partial class FalJsonContext : JsonSerializerContext;
