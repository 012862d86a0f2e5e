using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Pikumo.ImageGen.Conformance.Tests.Infrastructure;
using Pikumo.ImageGen.Transports.Azure;

namespace Pikumo.ImageGen.Conformance.Tests;

/// <summary>
/// Real calls, recorded by OpenAI's and Microsoft's own SDK test suites (sanitized by their recorders: keys,
/// organisation and request ids read "Sanitized"), replayed through the client: the recorded answer is what the
/// client reads (usage, echoed fields, request id headers, errors mapped to typed exceptions), and the request the
/// client builds for the same call is compared with the recorded request field by field.
/// </summary>
public sealed class RecordingReplayTests
{
    public static TheoryData<string> OpenAIRecords() =>
    [
        "openai-dotnet/ImagesTests/BasicGenerationWorks.json",
        "openai-dotnet/ImagesTests/GenerationOfMultipleImagesWorks.json",
        "openai-dotnet/ImagesTests/GenerationWithOptionsWorks.json",
        "openai-dotnet/ImagesTests/GenerateImageCanParseServiceError.json",
        "openai-dotnet/ImageEditsTests/GenerateImageEditWorks(UsingFilePath).json",
        "openai-dotnet/ImageEditsTests/GenerateMultipleImageEditsWorks(UsingStream).json",
        "openai-dotnet/ImageEditsTests/GenerateImageEditFromPathCanParseServiceError.json",
    ];

    [Theory]
    [MemberData(nameof(OpenAIRecords))]
    public async Task OpenAIRecordingReplays(string record)
    {
        var entry = ApiDescriptions.Json(record)["Entries"]![0]!;
        var edit = entry["RequestUri"]!.GetValue<string>().EndsWith("/images/edits", StringComparison.Ordinal);
        var recorded = edit ? RecordedParts(entry["RequestBody"]!.AsArray()) : Fields(entry["RequestBody"]!.AsObject());
        using var wire = Wire.Start(ImageProvider.OpenAI, o => o.Resilience.MaxRetryAttempts = 0, _ => Replay(entry));

        var call = ReplayAsync(wire.Client, edit, recorded);
        var status = entry["StatusCode"]!.GetValue<int>();
        if (status == 200)
        {
            AssertResult(entry, await call);
        }
        else
        {
            var error = await Assert.ThrowsAsync<ImageGenAuthenticationException>(() => call);
            Assert.Equal(entry["ResponseBody"]!["error"]!["code"]!.GetValue<string>(), error.Details.Code);
            Assert.Equal(entry["ResponseBody"]!["error"]!["message"]!.GetValue<string>(), error.Details.Message);
            Assert.Equal("Sanitized", error.RequestId);
        }

        var sent = wire.Capture.Requests.Single();
        Assert.Equal(new Uri(entry["RequestUri"]!.GetValue<string>()).AbsolutePath, sent.Uri.AbsolutePath);
        await AssertSameFieldsAsync(recorded, sent, edit);
    }

    public static TheoryData<string> AzureRecords() =>
    [
        "azure-sdk/GptImage1Works.json",
        "azure-sdk/BadKeyGivesHelpfulError.json",
        "azure-sdk/CanGetContentFilterResults.json",
    ];

    [Theory]
    [MemberData(nameof(AzureRecords))]
    public async Task AzureRecordingReplays(string record)
    {
        var entry = ApiDescriptions.Json(record)["Entries"]![0]!;
        var uri = new Uri(entry["RequestUri"]!.GetValue<string>());
        var deployment = uri.AbsolutePath.Split('/')[3];
        var recordedVersion = System.Web.HttpUtility.ParseQueryString(uri.Query)["api-version"];

        // The dall-e-3 recordings used 2024-10-21, which the library refuses on the deployment route (one client does
        // edits too, and edits need 2025-04-01-preview or later): the call is replayed on the library's default.
        var apiVersion = string.CompareOrdinal(recordedVersion, AzureOpenAIProviderOptions.DefaultDeploymentApiVersion) < 0 ? AzureOpenAIProviderOptions.DefaultDeploymentApiVersion : recordedVersion;
        var recorded = Fields(entry["RequestBody"]!.AsObject());
        using var wire = Wire.Start(
            ImageProvider.AzureOpenAI,
            o =>
            {
                o.Resilience.MaxRetryAttempts = 0;
                o.Azure.Route = AzureOpenAIRoute.Deployment;
                o.Azure.Deployment = deployment;
                o.Azure.ApiVersion = apiVersion;
                o.DefaultModel = deployment;
            },
            request => request.Method == HttpMethod.Get
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Wire.Png) { Headers = { ContentType = new("image/png") } } }
                : Replay(entry));

        var call = ReplayAsync(wire.Client, edit: false, recorded);
        if (entry["ResponseBody"]!["data"]?[0]?["url"] is not null)
        {
            // dall-e-3 answered with a URL (response_format=url) and per-image content-filter results. The library
            // asks for b64_json only and never follows a provider URL it did not ask for: it reports the answer as a
            // protocol failure that carries Azure's request id, and keeps nothing it could not verify.
            var refused = await Assert.ThrowsAsync<ImageGenProtocolException>(() => call);
            Assert.Equal(entry["ResponseHeaders"]!["apim-request-id"]!.GetValue<string>(), refused.RequestId);
            Assert.DoesNotContain(wire.Capture.Requests, r => r.Method == HttpMethod.Get);
        }
        else if (entry["StatusCode"]!.GetValue<int>() == 200)
        {
            var result = await call;
            AssertResult(entry, result);
            Assert.Equal(entry["ResponseHeaders"]!["apim-request-id"]!.GetValue<string>(), result.RequestId);
        }
        else
        {
            var error = await Assert.ThrowsAsync<ImageGenAuthenticationException>(() => call);
            Assert.Equal("401", error.Details.Code);
            Assert.Equal(entry["ResponseHeaders"]!["apim-request-id"]!.GetValue<string>(), error.RequestId);
        }

        var sent = wire.Capture.Requests.First();
        Assert.Equal(uri.AbsolutePath, sent.Uri.AbsolutePath);
        Assert.Equal(apiVersion, System.Web.HttpUtility.ParseQueryString(sent.Uri.Query)["api-version"]);
        Assert.Equal(wire.Simulator.Options.AzureApiKey, sent.Header("api-key"));
        // On the deployment route the deployment is the path, so the library sends no 'model' (the Azure SDK repeats it).
        Assert.Equal(recorded["model"], deployment);
        // response_format is sent only for models that need it (dall-e-2 in the catalog): the library never asks for URLs.
        await AssertSameFieldsAsync(recorded.Where(f => f.Key is not ("model" or "response_format")).ToDictionary(), sent, edit: false);
    }

    /// <summary>
    /// Azure's published example for image edits (2025-04-01-preview): its request body is an instance of OpenAI's
    /// edit schema (Azure's images wire is OpenAI's), its answer an ImagesResponse, and the client sends the same
    /// fields on the deployment route and reads the answer's usage.
    /// </summary>
    [Fact]
    public async Task AzurePublishedEditExampleReplays()
    {
        var example = ApiDescriptions.Json("azure-specs/2025-04-01-preview/image_edits.json");
        var parameters = example["parameters"]!;
        var body = parameters["body"]!.AsObject();
        var answer = example["responses"]!["200"]!["body"]!;
        Assert.Empty(OpenApiSchemas.OpenAI.Validate("CreateImageEditRequest", body));
        Assert.Empty(OpenApiSchemas.OpenAI.Validate("ImagesResponse", answer));

        // The example's b64_json is elided ("iVB..."): the answer is replayed with a real image in its place.
        answer["data"]![0]!["b64_json"] = Convert.ToBase64String(Wire.Png);
        using var wire = Wire.Start(
            ImageProvider.AzureOpenAI,
            o =>
            {
                o.Azure.Route = AzureOpenAIRoute.Deployment;
                o.Azure.Deployment = "gpt-image-1";
                o.Azure.ApiVersion = parameters["api-version"]!.GetValue<string>();
            },
            _ => WireCapture.Json(HttpStatusCode.OK, answer.ToJsonString(), ("apim-request-id", "example")));

        var result = await wire.Client.EditAsync(
            new ImageEditRequest(body["prompt"]!.GetValue<string>(), ImageInput.FromBytes(Wire.Png, "image.png"))
            {
                Mask = ImageInput.FromBytes(Wire.Png, "mask.png"),
                Count = body["n"]!.GetValue<int>(),
                Size = ImageSize.TryParse(body["size"]!.GetValue<string>(), out var size) ? size : (ImageSize?)null,
                Quality = new ImageQuality(body["quality"]!.GetValue<string>()),
            },
            TestContext.Current.CancellationToken);

        ResponseConformanceTests.AssertUsage(answer["usage"], result.Usage);
        Assert.Equal("example", result.RequestId);
        var sent = await WireBody.PartsAsync(wire.Capture.Requests.Single());
        foreach (var field in new[] { "prompt", "n", "size", "quality" })
        {
            Assert.Equal(body[field]!.ToString(), sent.Single(p => p.Name == field).Text);
        }

        Assert.Contains(sent, p => p.Name == "mask" && p.IsFile);
        Assert.Equal("/openai/deployments/gpt-image-1/images/edits", wire.Capture.Requests.Single().Uri.AbsolutePath);
    }

    /// <summary>The recorded call as the library's request: the same prompt, model, n and options.</summary>
    private static async Task<ImageResult> ReplayAsync(ImageGenClient client, bool edit, IReadOnlyDictionary<string, string> fields)
    {
        ImageRequest request = edit
            ? new ImageEditRequest(fields["prompt"], [ImageInput.FromBytes(Convert.FromBase64String(fields["image"]), "image.png")])
            : new ImageGenerateRequest { Prompt = fields["prompt"] };
        request = request with
        {
            Model = fields.TryGetValue("model", out var model) ? new ImageModel(model) : (ImageModel?)null,
            Count = fields.TryGetValue("n", out var n) ? int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) : 1,
            Size = fields.TryGetValue("size", out var size) && ImageSize.TryParse(size, out var parsed) ? parsed : (ImageSize?)null,
            Quality = fields.TryGetValue("quality", out var quality) ? new ImageQuality(quality) : (ImageQuality?)null,
            OutputFormat = fields.TryGetValue("output_format", out var format) ? new ImageFormat(format) : (ImageFormat?)null,
            OutputCompression = fields.TryGetValue("output_compression", out var compression) ? int.Parse(compression, System.Globalization.CultureInfo.InvariantCulture) : (int?)null,
            Background = fields.TryGetValue("background", out var background) ? new ImageBackground(background) : (ImageBackground?)null,
            Moderation = fields.TryGetValue("moderation", out var moderation) ? new ImageModeration(moderation) : (ImageModeration?)null,
            User = fields.TryGetValue("user", out var user) ? user : (string?)null,
        };
        return edit
            ? await client.EditAsync((ImageEditRequest)request, TestContext.Current.CancellationToken)
            : await client.GenerateAsync((ImageGenerateRequest)request, TestContext.Current.CancellationToken);
    }

    private static void AssertResult(JsonNode entry, ImageResult result)
    {
        var body = entry["ResponseBody"]!;
        var data = body["data"]!.AsArray();
        Assert.Equal(data.Count, result.Images.Count);
        for (var i = 0; i < data.Count; i++)
        {
            var expected = data[i]!["b64_json"] is { } b64 ? Convert.FromBase64String(b64.GetValue<string>()) : Wire.Png;
            Assert.Equal(expected, result.Images[i].Data.ToArray());
            Assert.Equal(data[i]!["revised_prompt"]?.GetValue<string>(), result.Images[i].RevisedPrompt);
        }

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(ResponseConformanceTests.Long(body["created"])), result.Created);
        Assert.Equal(body["size"]?.GetValue<string>(), result.Size?.ToString());
        Assert.Equal(body["quality"]?.GetValue<string>(), result.Quality?.Value);
        Assert.Equal(body["background"]?.GetValue<string>(), result.Background?.Value);
        Assert.Equal(body["output_format"]?.GetValue<string>(), result.OutputFormat?.Value);
        ResponseConformanceTests.AssertUsage(body["usage"], result.Usage);
        var requestId = entry["ResponseHeaders"]!["apim-request-id"] ?? entry["ResponseHeaders"]!["X-Request-ID"];
        Assert.Equal(requestId!.GetValue<string>(), result.RequestId);
    }

    /// <summary>
    /// The client's fields against the recorded ones. Every recorded field must be sent with the same value. On purpose
    /// the library differs in: <c>n</c> (always sent, even when 1: the count a caller pays for is explicit on the wire);
    /// <c>quality</c> (always sent, <see cref="ImageGenOptions.DefaultQuality"/> when the request sets none, so the
    /// price basis is never the provider's unstated default — fal's is <c>high</c>);
    /// <c>image[]</c> instead of <c>image</c> (the array form works for one reference and many alike, as OpenAI's own
    /// Python and Node SDKs send it); and the reference's content type and file name (from the bytes, where OpenAI's
    /// .NET SDK sends the caller's path and no content type).
    /// </summary>
    private static async Task AssertSameFieldsAsync(IReadOnlyDictionary<string, string> recorded, CapturedRequest sent, bool edit)
    {
        Dictionary<string, string> actual;
        if (edit)
        {
            var parts = await WireBody.PartsAsync(sent);
            actual = parts.ToDictionary(p => p.Name.TrimEnd('[', ']'), p => p.IsFile ? Convert.ToBase64String(p.Data) : p.Text, StringComparer.Ordinal);
            Assert.Contains(parts, p => p.Name == "image[]" && p.ContentType == "image/png");
        }
        else
        {
            actual = Fields(JsonNode.Parse(sent.Body)!.AsObject()).ToDictionary(StringComparer.Ordinal);
        }

        foreach (var (name, value) in recorded)
        {
            Assert.True(actual.TryGetValue(name, out var sentValue), $"the recording sends '{name}', the client does not");
            Assert.Equal(value, sentValue);
        }

        Assert.Empty(actual.Keys.Except(recorded.Keys).Except(["n", "quality"]));
    }

    private static HttpResponseMessage Replay(JsonNode entry)
    {
        var response = WireCapture.Json((HttpStatusCode)entry["StatusCode"]!.GetValue<int>(), entry["ResponseBody"]!.ToJsonString());
        foreach (var (name, value) in entry["ResponseHeaders"]!.AsObject())
        {
            if (name is "Content-Length" or "Content-Type" or "Transfer-Encoding")
            {
                continue;
            }

            var values = value is JsonArray many ? many.Select(v => v!.GetValue<string>()) : [value!.GetValue<string>()];
            response.Headers.TryAddWithoutValidation(name, values);
        }

        return response;
    }

    private static Dictionary<string, string> Fields(JsonObject body) =>
        body.ToDictionary(p => p.Key, p => p.Value!.GetValueKind() == System.Text.Json.JsonValueKind.String ? p.Value.GetValue<string>() : p.Value.ToJsonString(), StringComparer.Ordinal);

    /// <summary>The recorder's multipart form: lines of the body, file contents as <c>b64:…</c>.</summary>
    private static Dictionary<string, string> RecordedParts(JsonArray lines)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var inValue = false;
        foreach (var line in lines.Select(l => l!.GetValue<string>()))
        {
            if (line.StartsWith("Content-Disposition:", StringComparison.Ordinal))
            {
                var at = line.IndexOf("name=", StringComparison.Ordinal) + 5;
                var end = line.IndexOf(';', at);
                name = (end < 0 ? line[at..] : line[at..end]).Trim().Trim('\r', '\n', '"');
            }
            else if (line == "\r\n" && name is not null && !inValue)
            {
                inValue = true;
            }
            else if (inValue && name is not null)
            {
                fields[name] = line.StartsWith("b64:", StringComparison.Ordinal) ? line[4..] : line;
                inValue = false;
                name = null;
            }
        }

        return fields;
    }
}
