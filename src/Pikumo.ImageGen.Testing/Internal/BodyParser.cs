using System.Text;
using System.Text.Json;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>A request body taken apart: fields, images, and the JSON root for type checks.</summary>
internal sealed class ParsedBody : IDisposable
{
    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);

    public List<RecordedImage> Images { get; } = [];

    public RecordedImage? Mask { get; set; }

    /// <summary>Names of file parts that are neither an image nor a mask.</summary>
    public List<string> OtherFiles { get; } = [];

    public JsonDocument? Json { get; set; }

    /// <summary>Why the body could not be read, if it could not.</summary>
    public string? Problem { get; set; }

    public bool IsMultipart { get; set; }

    public bool IsJson => Json is not null;

    public void Dispose() => Json?.Dispose();
}

/// <summary>Reads multipart/form-data and JSON bodies, and resolves image URLs (<c>data:</c> URIs and the simulator's own files).</summary>
internal static class BodyParser
{
    public static ParsedBody Parse(SimulatorRequest request, FileStore files)
    {
        var body = new ParsedBody();
        if (request.Body.Length == 0)
        {
            return body;
        }

        var contentType = request.Header("Content-Type") ?? string.Empty;
        if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            body.IsMultipart = true;
            ParseMultipart(request.Body, contentType, body);
        }
        else if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase) || request.Body[0] is (byte)'{' or (byte)'[')
        {
            ParseJson(request.Body, body, files);
        }
        else if (!contentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !contentType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            body.Problem = $"unsupported content type '{contentType}'";
        }

        return body;
    }

    /// <summary>Resolves an image URL: a base64 <c>data:</c> URI, or a file this simulator serves. Other URLs cannot be fetched offline: empty bytes.</summary>
    public static RecordedImage ResolveUrl(string field, string url, FileStore files)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = url.IndexOf(',', StringComparison.Ordinal);
            var meta = comma < 0 ? string.Empty : url[5..comma];
            var mediaType = meta.Split(';')[0];
            var shown = $"data:{meta},…";
            if (comma < 0 || !meta.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            {
                return new RecordedImage(field, null, mediaType, default, shown);
            }

            var data = url.AsSpan(comma + 1);
            var bytes = new byte[(data.Length * 3 / 4) + 3];
            return Convert.TryFromBase64Chars(data, bytes, out var written)
                ? new RecordedImage(field, null, mediaType, bytes.AsMemory(0, written), shown)
                : new RecordedImage(field, null, mediaType, default, shown);
        }

        return files.Resolve(url) is { } file
            ? new RecordedImage(field, file.FileName, file.ContentType, file.Data, url)
            : new RecordedImage(field, null, null, default, url);
    }

    private static void ParseJson(byte[] bytes, ParsedBody body, FileStore files)
    {
        try
        {
            body.Json = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            body.Problem = $"the body is not valid JSON: {ex.Message}";
            return;
        }

        var root = body.Json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            body.Problem = "the JSON body is not an object";
            return;
        }

        foreach (var property in root.EnumerateObject())
        {
            body.Fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            switch (property.Name, property.Value.ValueKind)
            {
                case ("image_urls", JsonValueKind.Array):
                    var i = 0;
                    foreach (var url in property.Value.EnumerateArray())
                    {
                        body.Images.Add(ResolveUrl($"image_urls[{i++}]", url.ValueKind == JsonValueKind.String ? url.GetString()! : string.Empty, files));
                    }

                    break;
                case ("mask_url", JsonValueKind.String):
                    body.Mask = ResolveUrl("mask_url", property.Value.GetString()!, files);
                    break;
                case ("images", JsonValueKind.Array):
                    var j = 0;
                    foreach (var reference in property.Value.EnumerateArray())
                    {
                        body.Images.Add(ResolveUrl($"images[{j++}]", ImageUrl(reference), files));
                    }

                    break;
                case ("mask", JsonValueKind.Object):
                    body.Mask = ResolveUrl("mask", ImageUrl(property.Value), files);
                    break;
                case ("contents", JsonValueKind.Array):
                    AddInlineParts(property.Value, body);
                    break;
            }
        }

        static string ImageUrl(JsonElement reference) =>
            reference.ValueKind == JsonValueKind.Object && reference.TryGetProperty("image_url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString()! : string.Empty;
    }

    /// <summary>Gemini's <c>contents[].parts[].inlineData</c> (or <c>inline_data</c>): base64 images in the JSON body.</summary>
    private static void AddInlineParts(JsonElement contents, ParsedBody body)
    {
        foreach (var content in contents.EnumerateArray())
        {
            if (content.ValueKind != JsonValueKind.Object || !content.TryGetProperty("parts", out var parts) || parts.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var part in parts.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object
                    && (part.TryGetProperty("inlineData", out var inline) || part.TryGetProperty("inline_data", out inline)) && inline.ValueKind == JsonValueKind.Object)
                {
                    var mime = (inline.TryGetProperty("mimeType", out var m) || inline.TryGetProperty("mime_type", out m)) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    var data = inline.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.String && d.TryGetBytesFromBase64(out var bytes) ? bytes : [];
                    body.Images.Add(new RecordedImage($"inlineData[{body.Images.Count}]", null, mime, data, $"inlineData:{mime}"));
                }
            }
        }
    }

    private static void ParseMultipart(byte[] bytes, string contentType, ParsedBody body)
    {
        var boundary = Parameter(contentType, "boundary");
        if (string.IsNullOrEmpty(boundary))
        {
            body.Problem = "the multipart body has no boundary";
            return;
        }

        var data = bytes.AsSpan();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var start = data.IndexOf(delimiter);
        if (start < 0)
        {
            body.Problem = "the multipart body does not contain its boundary";
            return;
        }

        var position = start + delimiter.Length;
        var next = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        while (true)
        {
            if (data[position..].StartsWith("--"u8))
            {
                return; // closing delimiter
            }

            if (!data[position..].StartsWith("\r\n"u8))
            {
                body.Problem = "a multipart delimiter is not followed by a line break";
                return;
            }

            position += 2;
            var headerEnd = data[position..].IndexOf("\r\n\r\n"u8);
            var partEnd = headerEnd < 0 ? -1 : data[(position + headerEnd + 4)..].IndexOf(next);
            if (headerEnd < 0 || partEnd < 0)
            {
                body.Problem = "the multipart body ends inside a part";
                return;
            }

            var headers = Encoding.UTF8.GetString(data.Slice(position, headerEnd));
            var content = bytes.AsMemory(position + headerEnd + 4, partEnd);
            AddPart(headers, content, body);
            position += headerEnd + 4 + partEnd + next.Length;
        }
    }

    private static void AddPart(string headers, ReadOnlyMemory<byte> content, ParsedBody body)
    {
        string? disposition = null, partType = null;
        foreach (var line in headers.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Disposition", StringComparison.OrdinalIgnoreCase))
            {
                disposition = value;
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                partType = value;
            }
        }

        var field = Parameter(disposition ?? string.Empty, "name") ?? string.Empty;
        var fileName = Parameter(disposition ?? string.Empty, "filename");
        // A part is a file when it has a file name (or is an image field); text fields may carry a Content-Type.
        if (fileName is null && field is not ("image" or "image[]" or "mask"))
        {
            body.Fields[field] = Encoding.UTF8.GetString(content.Span);
            return;
        }

        var image = new RecordedImage(field, fileName, partType, content, url: null);
        if (field is "image" or "image[]")
        {
            body.Images.Add(image);
        }
        else if (field == "mask")
        {
            body.Mask = image;
        }
        else
        {
            body.OtherFiles.Add(field);
        }
    }

    /// <summary>A <c>name=value</c> or <c>name="value"</c> parameter of a header value.</summary>
    private static string? Parameter(string header, string name)
    {
        foreach (var part in header.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }
}
