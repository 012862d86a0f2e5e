using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Pikumo.ImageGen.Conformance.Tests.Infrastructure;

/// <summary>One multipart part: its name, file name and content type (files), and its bytes.</summary>
public sealed record WirePart(string Name, string? FileName, string? ContentType, byte[] Data)
{
    public bool IsFile => FileName is not null;

    public string Text => Encoding.UTF8.GetString(Data);
}

/// <summary>
/// A captured body as the JSON instance its description validates. JSON bodies are themselves. Multipart bodies are
/// read with ASP.NET's multipart reader and mapped by OpenAPI's encoding rules for <c>multipart/form-data</c>: each
/// part is the property of its name; a property given by several parts is an array; a text part is the property's
/// primitive (integer and boolean text read as such where the schema's type says so); a file part is its binary
/// string (stood in for by its file name: the schema's <c>format: binary</c> asks nothing of the bytes).
/// <c>image[]</c> (the bracket form the library sends, as OpenAI's own SDKs do) is the <c>image</c> property.
/// </summary>
public static class WireBody
{
    public static async Task<IReadOnlyList<WirePart>> PartsAsync(CapturedRequest request)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value
            ?? throw new InvalidOperationException("multipart without a boundary");
        var reader = new MultipartReader(boundary, new MemoryStream(request.Body));
        var parts = new List<WirePart>();
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var data = new MemoryStream();
            await section.Body.CopyToAsync(data);
            var fileName = disposition.FileName.HasValue || disposition.FileNameStar.HasValue
                ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
                : null;
            parts.Add(new WirePart(HeaderUtilities.RemoveQuotes(disposition.Name).Value!, fileName, section.ContentType, data.ToArray()));
        }

        return parts;
    }

    /// <summary>The JSON instance of a multipart body, typed by the component's properties.</summary>
    public static JsonObject FromParts(IReadOnlyList<WirePart> parts, OpenApiSchemas schemas, string component)
    {
        var properties = schemas.Component(component)["properties"]!.AsObject();
        var result = new JsonObject();
        foreach (var group in parts.GroupBy(p => p.Name.EndsWith("[]", StringComparison.Ordinal) ? p.Name[..^2] : p.Name))
        {
            var values = group.Select(p => p.IsFile ? JsonValue.Create(p.FileName) : Primitive(p.Text, properties[group.Key]?.ToJsonString() ?? string.Empty)).ToList();
            var bracketed = group.Any(p => p.Name.EndsWith("[]", StringComparison.Ordinal));
            result[group.Key] = values.Count == 1 && !bracketed ? values[0] : new JsonArray([.. values]);
        }

        return result;
    }

    private static JsonNode? Primitive(string text, string schemaText)
    {
        var mayBeInteger = schemaText.Contains("\"integer\"", StringComparison.Ordinal) || schemaText.Contains("PartialImages", StringComparison.Ordinal);
        if (mayBeInteger && long.TryParse(text, out var number))
        {
            return JsonValue.Create(number);
        }

        if (schemaText.Contains("\"boolean\"", StringComparison.Ordinal) && bool.TryParse(text, out var flag))
        {
            return JsonValue.Create(flag);
        }

        return JsonValue.Create(text);
    }
}
