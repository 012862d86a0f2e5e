using System.Text.Json;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary>The Gemini route end to end on the simulator, in process and over 127.0.0.1: wire form, n calls, refusals, faults, bad input.</summary>
public sealed class GeminiSimulatorTests
{
    private static readonly byte[] Photo = TestImages.Png(96, 64, seed: 3);

    public static TheoryData<Wire> Wires => SimulatorHarness.Wires;

    [Theory]
    [MemberData(nameof(Wires))]
    public async Task EditAsync_TwoReferences_SendsInlinePartsRatioAndTierAndReturnsUsageAndCost(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire, ImageProvider.Gemini);
        var request = new ImageEditRequest("put the person of image 1 into the room of image 2", ImageInput.FromBytes(Photo), ImageInput.FromBytes(TestImages.Png(64, 64, seed: 9)))
        {
            Size = ImageSize.Landscape1536x1024,
        };

        var result = await harness.Client.EditAsync(request, TestContext.Current.CancellationToken);

        var sent = Assert.Single(harness.Recorder);
        Assert.Equal(SimulatorRoute.GeminiGenerateContent, sent.Route);
        Assert.EndsWith("/gemini/v1beta/models/gemini-3.1-flash-image:generateContent", sent.Path, StringComparison.Ordinal);
        Assert.Equal(harness.Simulator.Options.GeminiApiKey, sent.Headers["x-goog-api-key"]);
        Assert.DoesNotContain("key=", sent.Uri.Query, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(sent.Body);
        var parts = body.RootElement.GetProperty("contents")[0].GetProperty("parts");
        Assert.Equal("put the person of image 1 into the room of image 2", parts[0].GetProperty("text").GetString());
        Assert.Equal("image/png", parts[1].GetProperty("inlineData").GetProperty("mimeType").GetString());
        Assert.Equal(Photo, parts[1].GetProperty("inlineData").GetProperty("data").GetBytesFromBase64());
        var imageConfig = body.RootElement.GetProperty("generationConfig").GetProperty("imageConfig");
        Assert.Equal(("3:2", "1K"), (imageConfig.GetProperty("aspectRatio").GetString(), imageConfig.GetProperty("imageSize").GetString()));

        var image = Assert.Single(result.Images);
        Assert.Equal(ImageFormat.Png, image.Format);
        Assert.Equal(1248, image.Width); // 3:2 at about 1024² pixels: read from the image, not from a table
        Assert.Equal("gemini", result.Provider);
        Assert.Equal(1_120, result.Usage!.OutputImageTokens);
        Assert.Equal(2 * 1_120, result.Usage.InputImageTokens);
        Assert.Equal(ImageCostBasis.Usage, result.Cost!.Value.Basis);
        Assert.InRange(result.Cost.Value.Usd, 0.0672m, 0.0685m); // 1,120 × $60/1M plus the input at $0.50/1M
        Assert.NotNull(result.RequestId);
    }

    [Fact]
    public async Task EditAsync_ThreeImages_IsThreeCallsAndThreeImages()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, ImageProvider.Gemini);

        var result = await harness.Client.EditAsync(new ImageEditRequest("three takes", ImageInput.FromBytes(Photo)) { Count = 3 }, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Images.Count);
        Assert.Equal([0, 1, 2], result.Images.Select(i => i.Index));
        Assert.Equal(3, harness.Recorder.Count(r => r.Route == SimulatorRoute.GeminiGenerateContent));
        Assert.Equal(3 * 1_120, result.Usage!.OutputImageTokens);
    }

    [Theory]
    [InlineData("input")]
    [InlineData("output")]
    public async Task EditAsync_SafetyBlockAsHttp200_IsAContentPolicyException(string stage)
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.Loopback, ImageProvider.Gemini);
        harness.Simulator.Faults.OnRoute(SimulatorRoute.GeminiGenerateContent, SimulatedFault.ContentPolicy("sexually_explicit", stage));

        var error = await Assert.ThrowsAsync<ImageGenContentPolicyException>(() => harness.Client.EditAsync(new ImageEditRequest("a scene", ImageInput.FromBytes(Photo)), TestContext.Current.CancellationToken));

        Assert.Equal(stage, error.Stage);
        Assert.Contains("HARM_CATEGORY_SEXUALLY_EXPLICIT", error.Categories);
        Assert.Equal(stage == "input" ? "SAFETY" : "IMAGE_SAFETY", error.Details.Code);
        Assert.NotNull(error.RequestId);
        Assert.Single(harness.Recorder); // never retried
    }

    [Fact]
    public async Task EditAsync_WrongKey_IsAnAuthenticationErrorWithoutTheKey()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.Loopback, ImageProvider.Gemini, o => o.Gemini.ApiKey = "wrong-gemini-key-0123456789");

        var error = await Assert.ThrowsAsync<ImageGenAuthenticationException>(() => harness.Client.EditAsync(new ImageEditRequest("a scene", ImageInput.FromBytes(Photo)), TestContext.Current.CancellationToken));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("API_KEY_INVALID", error.Details.Code);
        Assert.Equal("INVALID_ARGUMENT", error.Details.Type);
        Assert.DoesNotContain("wrong-gemini-key-0123456789", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_RetiredPreviewId_SaysTheModelWasRetired()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, ImageProvider.Gemini);

        var error = await Assert.ThrowsAsync<ImageGenInvalidRequestException>(() => harness.Client.EditAsync(
            new ImageEditRequest("a scene", ImageInput.FromBytes(Photo)) { Model = "gemini-3.1-flash-image-preview" }, TestContext.Current.CancellationToken));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("retired", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task EditAsync_OverloadOrRateLimit_IsRetriedAndSucceeds(int status)
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.Loopback, ImageProvider.Gemini);
        harness.Simulator.Faults.OnRoute(SimulatorRoute.GeminiGenerateContent, status == 429 ? SimulatedFault.RateLimit(TimeSpan.FromMilliseconds(1)) : SimulatedFault.ServerError(System.Net.HttpStatusCode.ServiceUnavailable));

        var result = await harness.Client.EditAsync(new ImageEditRequest("a scene", ImageInput.FromBytes(Photo)), TestContext.Current.CancellationToken);

        Assert.Single(result.Images);
        Assert.Equal(2, harness.Recorder.Count);
    }

    public static TheoryData<string, Func<ImageEditRequest>, string> BadInput => new()
    {
        { "ratio Gemini has no", () => Valid() with { Size = new ImageSize(1000, 700) }, "request.Size" },
        { "512 on Nano Banana 2.1", () => Valid() with { Model = "gemini-nano-banana-2.1", Size = new ImageSize(512, 512) }, "request.Size" },
        { "quality", () => Valid() with { Quality = ImageQuality.High }, "request.Quality" },
        { "output format", () => Valid() with { OutputFormat = ImageFormat.Png }, "request.OutputFormat" },
        { "mask", () => Valid() with { Mask = ImageInput.FromBytes(TestImages.Png(96, 64, alpha: true)) }, "request.Mask" },
        { "15 references", () => Valid() with { Images = [.. Enumerable.Repeat(ImageInput.FromBytes(Photo), 15)] }, "request.Images" },
        { "4 references on 2.5 Flash Image", () => Valid() with { Model = "gemini-2.5-flash-image", Images = [.. Enumerable.Repeat(ImageInput.FromBytes(Photo), 4)] }, "request.Images" },
        { "seed", () => Valid() with { Seed = 7 }, "request.Seed" },
        { "raw fields", () => Valid() with { ExtraFields = new Dictionary<string, System.Text.Json.Nodes.JsonNode?> { ["thinking"] = "high" } }, "request.ExtraFields" },
        { "n = 11", () => Valid() with { Count = 11 }, "request.Count" },
        { "2K on Nano Banana 2 Lite (1K only)", () => Valid() with { Model = "gemini-3.1-flash-lite-image", Size = new ImageSize(2048, 2048) }, "request.Size" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task EditAsync_BadInput_IsRefusedBeforeAnyCall(string name, Func<ImageEditRequest> request, string parameter)
    {
        _ = name;
        await using var harness = await SimulatorHarness.StartAsync(Wire.Loopback, ImageProvider.Gemini);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => harness.Client.EditAsync(request(), TestContext.Current.CancellationToken));

        Assert.Equal(parameter, error.ParamName);
        Assert.Empty(harness.Recorder);
    }

    [Theory]
    [InlineData("gemini-3.1-flash-image", "high")]
    [InlineData("gemini-nano-banana-2.1", "medium")]
    public async Task EditAsync_ThinkingLevel_IsSentInThinkingConfig(string model, string level)
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.Loopback, ImageProvider.Gemini, configure: o => o.Gemini.ThinkingLevel = level);

        await harness.Client.EditAsync(Valid() with { Model = model }, TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(Assert.Single(harness.Recorder).Body);
        Assert.Equal(level, body.RootElement.GetProperty("generationConfig").GetProperty("thinkingConfig").GetProperty("thinkingLevel").GetString());
    }

    [Theory]
    [InlineData("gemini-3.1-flash-image", "medium")]
    [InlineData("gemini-3-pro-image", "high")]
    public async Task EditAsync_ThinkingLevelTheModelLacks_IsRefusedBeforeAnyCall(string model, string level)
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.Loopback, ImageProvider.Gemini, configure: o => o.Gemini.ThinkingLevel = level);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Client.EditAsync(Valid() with { Model = model }, TestContext.Current.CancellationToken));

        Assert.Contains("Gemini:ThinkingLevel", error.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Recorder);
    }

    [Theory]
    [InlineData("gemini-3.1-flash-image", "medium")]
    [InlineData("gemini-3-pro-image", "high")]
    public async Task Simulator_ThinkingLevelTheModelLacks_AnswersGoogles400(string model, string level)
    {
        // Spoken with a raw HttpClient: the simulator judges the level by the description, not by the client's table.
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var http = simulator.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"gemini/v1beta/models/{model}:generateContent")
        {
            Content = new StringContent(
                """{"contents":[{"parts":[{"text":"a scene"}]}],"generationConfig":{"responseModalities":["IMAGE"],"thinkingConfig":{"thinkingLevel":""" + JsonSerializer.Serialize(level) + "}}}",
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Add("x-goog-api-key", simulator.Options.GeminiApiKey);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("INVALID_ARGUMENT", error.RootElement.GetProperty("error").GetProperty("status").GetString());
        Assert.Contains("thinking_level", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static ImageEditRequest Valid() => new("a scene", ImageInput.FromBytes(Photo));
}
