using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>OpenAI-shaped answers for loopback servers.</summary>
public static class OpenAIResponses
{
    public static string ImagesJson(IReadOnlyList<byte[]> images, int inputText = 300, int inputImage = 7400, int outputImage = 210, string? extraImageField = null)
    {
        var builder = new StringBuilder();
        builder.Append("{\"created\":1713833628,\"background\":\"opaque\",\"output_format\":\"png\",\"size\":\"1024x1024\",\"quality\":\"low\",\"data\":[");
        for (var i = 0; i < images.Count; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",").Append("{\"b64_json\":\"").Append(Convert.ToBase64String(images[i])).Append('"');
            if (extraImageField is not null)
            {
                builder.Append(',').Append(extraImageField);
            }

            builder.Append('}');
        }

        builder.Append("],\"usage\":{\"input_tokens\":").Append(inputText + inputImage)
            .Append(",\"output_tokens\":").Append(outputImage)
            .Append(",\"total_tokens\":").Append(inputText + inputImage + outputImage)
            .Append(",\"input_tokens_details\":{\"text_tokens\":").Append(inputText).Append(",\"image_tokens\":").Append(inputImage).Append("}}}");
        return builder.ToString();
    }

    public static string Error(string message, string? type, string? code, string? param = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["error"] = new Dictionary<string, object?> { ["message"] = message, ["type"] = type, ["param"] = param, ["code"] = code } });

    public static async Task WriteAsync(HttpContext context, string body, int status = 200, string contentType = "application/json", string? requestId = "req_test_123", IDictionary<string, string>? headers = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        if (requestId is not null)
        {
            context.Response.Headers["x-request-id"] = requestId;
        }

        context.Response.Headers["openai-processing-ms"] = "1234";
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(body);
    }
}
