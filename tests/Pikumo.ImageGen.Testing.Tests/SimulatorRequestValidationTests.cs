using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary>Requests the services refuse: the simulator answers in the provider's own error shape, and the client maps it to the library's exceptions.</summary>
public sealed class SimulatorRequestValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An edit as multipart parts; <c>null</c> values leave a field out.</summary>
    private static MultipartFormDataContent Edit(string? prompt = "a quiet street", string? model = "gpt-image-2", int images = 1, byte[]? image = null, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        if (model is not null)
        {
            form.Add(new StringContent(model), "model");
        }

        if (prompt is not null)
        {
            form.Add(new StringContent(prompt), "prompt");
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        for (var i = 0; i < images; i++)
        {
            var part = new ByteArrayContent(image ?? TestImages.Png(24, 24, seed: i));
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(part, "image[]", $"ref{i}.png");
        }

        return form;
    }

    public static TheoryData<string, Func<HttpContent>, string?, string?> InvalidEdits() => new()
    {
        { "missing prompt", () => Edit(prompt: null), "prompt", "missing_required_parameter" },
        { "blank prompt", () => Edit(prompt: "  "), "prompt", "missing_required_parameter" },
        { "prompt too long", () => Edit(prompt: new string('a', 32_001)), "prompt", "string_above_max_length" },
        { "no image", () => Edit(images: 0), "image", "missing_required_parameter" },
        { "17 images", () => Edit(images: 17), "image", "array_above_max_length" },
        { "empty image", () => Edit(image: []), "image", "invalid_image" },
        { "text file as image", () => Edit(image: Encoding.UTF8.GetBytes("hello, not an image")), "image", "invalid_image_format" },
        { "n = 0", () => Edit(fields: ("n", "0")), "n", "integer_below_min_value" },
        { "n = 11", () => Edit(fields: ("n", "11")), "n", "integer_above_max_value" },
        { "n not a number", () => Edit(fields: ("n", "four")), "n", "invalid_type" },
        { "gpt-image-2 edge not a multiple of 16", () => Edit(fields: ("size", "1000x1000")), "size", "invalid_value" },
        { "gpt-image-2 ratio over 3:1", () => Edit(fields: ("size", "3840x1024")), "size", "invalid_value" },
        { "gpt-image-2 too few pixels", () => Edit(fields: ("size", "512x512")), "size", "invalid_value" },
        { "gpt-image-2 edge over 3840", () => Edit(fields: ("size", "4096x2048")), "size", "invalid_value" },
        { "gpt-image-1 free size", () => Edit(model: "gpt-image-1", fields: ("size", "1280x720")), "size", "invalid_value" },
        { "size not a size", () => Edit(fields: ("size", "big")), "size", "invalid_value" },
        { "quality unknown", () => Edit(fields: ("quality", "ultra")), "quality", "invalid_value" },
        { "unknown field", () => Edit(fields: ("style", "vivid")), "style", "unknown_parameter" },
        { "input_fidelity on mini", () => Edit(model: "gpt-image-1-mini", fields: ("input_fidelity", "high")), "input_fidelity", "invalid_input_fidelity_model" },
        { "transparent jpeg", () => Edit(fields: [("background", "transparent"), ("output_format", "jpeg")]), "background", "invalid_value" },
        { "compression with png", () => Edit(fields: ("output_compression", "50")), "output_compression", "invalid_value" },
        { "partial_images over 3", () => Edit(fields: [("stream", "true"), ("partial_images", "4")]), "partial_images", "invalid_value" },
        { "response_format on gpt-image", () => Edit(fields: ("response_format", "b64_json")), "response_format", "unknown_parameter" },
        { "json body", () => new StringContent("{\"prompt\":", Encoding.UTF8, "application/json"), null, null },
    };

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public async Task OpenAIEdits_InvalidRequest_Answers400InOpenAIShapeNamingTheField(string why, Func<HttpContent> content, string? param, string? code)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var http = simulator.CreateHttpClient();

        var (status, error, headers) = await SendAsync(http, "v1/images/edits", content(), "Bearer " + simulator.Options.OpenAIApiKey);

        Assert.True(status == HttpStatusCode.BadRequest, why);
        Assert.Equal(["message", "type", "param", "code"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.True(headers.Contains("x-request-id"));
    }

    [Fact]
    public async Task OpenAIEdits_MaskOfAnotherSize_Answers400ForTheMask()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var http = simulator.CreateHttpClient();
        var form = Edit(image: TestImages.Png(64, 64));
        var mask = new ByteArrayContent(TestImages.Png(32, 32, alpha: true));
        mask.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(mask, "mask", "mask.png");

        var (status, error, _) = await SendAsync(http, "v1/images/edits", form, "Bearer " + simulator.Options.OpenAIApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("mask", error.GetProperty("param").GetString());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Bearer wrong-key-0123456789", "invalid_api_key")]
    public async Task OpenAI_MissingOrWrongKey_Answers401(string? authorization, string? code)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var http = simulator.CreateHttpClient();

        var (status, error, _) = await SendAsync(http, "v1/images/edits", Edit(), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.DoesNotContain("wrong-key-0123456789", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAI_WrongRoute_Answers404InvalidUrl()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var http = simulator.CreateHttpClient();

        var (status, error, _) = await SendAsync(http, "v1/images/edit", Edit(), "Bearer " + simulator.Options.OpenAIApiKey);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Invalid URL (POST /v1/images/edit)", error.GetProperty("message").GetString());
        Assert.Equal(SimulatorRoute.Unknown, simulator.Recorder.Single().Route);
    }

    [Fact]
    public async Task Azure_MissingKey_Answers401InAzureShape()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var http = simulator.CreateHttpClient();

        var (status, error, headers) = await SendAsync(http, "openai/v1/images/edits", Edit(), authorization: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(["code", "message"], error.EnumerateObject().Select(p => p.Name));
        Assert.Equal("401", error.GetProperty("code").GetString());
        Assert.True(headers.Contains("apim-request-id"));
    }

    [Fact]
    public async Task Azure_ContentPolicyFault_AnswersContentFilterWithInnerErrorResults()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.OnImageCalls(SimulatedFault.ContentPolicy("violence"));
        using var http = simulator.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "openai/v1/images/edits") { Content = Edit() };
        request.Headers.Add("api-key", simulator.Options.AzureApiKey);

        using var response = await http.SendAsync(request, Ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));

        var error = document.RootElement.GetProperty("error");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("content_filter", error.GetProperty("code").GetString());
        var results = error.GetProperty("inner_error").GetProperty("content_filter_results");
        Assert.True(results.GetProperty("violence").GetProperty("filtered").GetBoolean());
        Assert.Equal("high", results.GetProperty("violence").GetProperty("severity").GetString());
        Assert.False(results.GetProperty("sexual").GetProperty("filtered").GetBoolean());
    }

    [Fact]
    public async Task OpenAIGenerations_JsonBody_IsCheckedLikeEdits()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var http = simulator.CreateHttpClient();

        var (status, error, _) = await SendAsync(http, "v1/images/generations", new StringContent("""{"model":"gpt-image-2","prompt":"p","n":"2"}""", Encoding.UTF8, "application/json"), "Bearer " + simulator.Options.OpenAIApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(("n", "invalid_type"), (error.GetProperty("param").GetString(), error.GetProperty("code").GetString()));
    }

    public static TheoryData<string, string, string> ClientMappedProblems() => new()
    {
        { "gpt-image-1", "2048x2048", "size" },
        { "gpt-image-9", "1024x1024", "model" },
    };

    [Theory]
    [MemberData(nameof(ClientMappedProblems))]
    public async Task EditAsync_ProblemOnlyTheServiceCatches_ThrowsInvalidRequestNamingTheParameter(string model, string size, string parameter)
    {
        // The client's own table is made permissive so the request reaches the simulator, which knows better.
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, configure: o => o.Models = ImageModelCatalog.Default.With(ImageModelCatalog.Permissive(model)));

        var error = await Assert.ThrowsAsync<ImageGenInvalidRequestException>(() => harness.Client.EditAsync(
            new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())) { Model = model, Size = ImageSize.Parse(size) }, Ct));

        Assert.Equal(parameter, error.Parameter);
        Assert.StartsWith("req_", error.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_WrongOpenAIKey_ThrowsAuthenticationWithoutTheKeyInTheMessage()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, configure: o => o.OpenAI.ApiKey = "wrong-but-long-key-0123456789");

        var error = await Assert.ThrowsAsync<ImageGenAuthenticationException>(() => harness.Client.EditAsync(
            new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("invalid_api_key", error.ErrorCode);
        Assert.DoesNotContain("wrong-but-long-key-0123456789", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Error, HttpResponseHeaders Headers)> SendAsync(HttpClient http, string path, HttpContent content, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request, Ct);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return (response.StatusCode, document.RootElement.GetProperty("error").Clone(), response.Headers);
    }
}
