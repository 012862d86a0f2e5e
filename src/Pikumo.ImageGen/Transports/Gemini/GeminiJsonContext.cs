using System.Text.Json.Serialization;

namespace Pikumo.ImageGen.Transports.Gemini;

/// <summary>Source-generated JSON for the strings Gemini bodies quote (trimming- and AOT-safe).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class GeminiJsonContext : JsonSerializerContext;
