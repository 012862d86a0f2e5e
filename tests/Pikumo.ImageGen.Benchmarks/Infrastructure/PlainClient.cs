using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Pikumo.ImageGen.Benchmarks.Infrastructure;

/// <summary>
/// What most hand-rolled clients do: <see cref="HttpClient"/>, <see cref="MultipartFormDataContent"/>, and
/// <c>ReadFromJsonAsync</c> into a DTO whose <c>b64_json</c> is a string, decoded with <see cref="Convert.FromBase64String(string)"/>.
/// </summary>
internal sealed class PlainClient(Uri baseAddress, string apiKey) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };

    public async Task<List<byte[]>> EditAsync(byte[] reference, string model, string prompt, int count, string size, string quality, CancellationToken cancellationToken = default)
    {
        using var content = new MultipartFormDataContent();
        var image = new ByteArrayContent(reference);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(image, "image[]", "reference.png");
        content.Add(new StringContent(model), "model");
        content.Add(new StringContent(prompt), "prompt");
        content.Add(new StringContent(count.ToString(System.Globalization.CultureInfo.InvariantCulture)), "n");
        content.Add(new StringContent(size), "size");
        content.Add(new StringContent(quality), "quality");
        using var request = new HttpRequestMessage(HttpMethod.Post, "images/edits") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<Images>(cancellationToken) ?? throw new InvalidOperationException("empty answer");
        return [.. body.Data.Select(d => Convert.FromBase64String(d.B64Json))];
    }

    public void Dispose() => _http.Dispose();

    private sealed record Images([property: JsonPropertyName("data")] List<Datum> Data);

    private sealed record Datum([property: JsonPropertyName("b64_json")] string B64Json);
}
