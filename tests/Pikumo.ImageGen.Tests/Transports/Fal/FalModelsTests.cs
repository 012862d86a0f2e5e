using System.Text.Json;
using System.Text.Json.Nodes;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Transports.Fal;

/// <summary>FLUX.2 and Nano Banana 2 on fal: each model's field table on the wire, judged by the simulator's copy of fal's schemas, and their prices.</summary>
public sealed class FalModelsTests
{
    private static readonly byte[] Photo = TestImages.Png(96, 64, seed: 2);

    private static Task<SimulatorHarness> Fal(Wire wire = Wire.InProcess) => SimulatorHarness.StartAsync(wire, ImageProvider.Fal, o =>
    {
        o.Fal.PollInterval = TimeSpan.FromMilliseconds(1);
        o.Fal.MaxPollInterval = TimeSpan.FromMilliseconds(2);
    });

    [Fact]
    public async Task EditAsync_Flux2Pro_SendsItsFieldsOnlyAndIsPricedPerMegapixel()
    {
        await using var harness = await Fal(Wire.Loopback);
        var request = new ImageEditRequest("a portrait", ImageInput.FromBytes(Photo))
        {
            Model = "fal-ai/flux-2-pro",
            Size = new ImageSize(1024, 1024),
            Seed = 1234,
            ExtraFields = new Dictionary<string, JsonNode?> { ["safety_tolerance"] = 3 },
        };

        var result = await harness.Client.EditAsync(request, TestContext.Current.CancellationToken);

        var submit = Assert.Single(harness.Recorder, r => r.Route == SimulatorRoute.FalSubmit);
        Assert.EndsWith("/fal-ai/flux-2-pro/edit", submit.Path, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(submit.Body);
        var root = body.RootElement;
        Assert.Equal(["prompt", "image_size", "seed", "safety_tolerance", "image_urls"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("3", root.GetProperty("safety_tolerance").GetString()); // fal's schema wants a string
        Assert.Equal(1234, root.GetProperty("seed").GetInt64());
        Assert.Single(result.Images);
        Assert.Equal(ImageCostBasis.Estimate, result.Cost!.Value.Basis);
        Assert.Equal(0.03m + 0.015m, result.Cost.Value.Usd); // first output MP + one MP of input
        Assert.StartsWith("fal-ai/flux-2-pro/", result.RequestId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_Flux2Turbo_AutoSizeFollowsTheFirstReferenceAndCountIsNumImages()
    {
        await using var harness = await Fal();
        var photo = TestImages.Png(1536, 1024, seed: 4);

        var result = await harness.Client.EditAsync(new ImageEditRequest("a wide scene", ImageInput.FromBytes(photo)) { Model = "fal-ai/flux-2/turbo", Count = 2, GuidanceScale = 3 }, TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(Assert.Single(harness.Recorder, r => r.Route == SimulatorRoute.FalSubmit).Body);
        Assert.Equal(2, body.RootElement.GetProperty("num_images").GetInt32());
        Assert.Equal(1536, body.RootElement.GetProperty("image_size").GetProperty("width").GetInt32());
        Assert.Equal(1024, body.RootElement.GetProperty("image_size").GetProperty("height").GetInt32());
        Assert.Equal(3, body.RootElement.GetProperty("guidance_scale").GetDouble());
        Assert.Equal(2, result.Images.Count);
        Assert.Equal(1536, result.Images[0].Width);
    }

    [Fact]
    public async Task EditAsync_NanoBanana2_SendsRatioResolutionAndLimitGenerations()
    {
        await using var harness = await Fal();

        var result = await harness.Client.EditAsync(new ImageEditRequest("a storyboard", ImageInput.FromBytes(Photo)) { Model = "fal-ai/nano-banana-2", Size = ImageSize.Landscape1536x1024 }, TestContext.Current.CancellationToken);

        using var body = JsonDocument.Parse(Assert.Single(harness.Recorder, r => r.Route == SimulatorRoute.FalSubmit).Body);
        Assert.Equal("3:2", body.RootElement.GetProperty("aspect_ratio").GetString());
        Assert.Equal("1K", body.RootElement.GetProperty("resolution").GetString());
        Assert.True(body.RootElement.GetProperty("limit_generations").GetBoolean());
        Assert.False(body.RootElement.TryGetProperty("image_size", out _));
        Assert.Equal(0.08m, result.Cost!.Value.Usd);
    }

    [Fact]
    public async Task EditAsync_UnknownFalModel_GoesToItsEditEndpointWithRawFields()
    {
        await using var harness = await Fal();

        // The simulator does not host it: the request still reaches fal's route for it, with the raw field.
        var error = await Assert.ThrowsAsync<ImageGenInvalidRequestException>(() => harness.Client.EditAsync(
            new ImageEditRequest("x", ImageInput.FromBytes(Photo)) { Model = "fal-ai/some-new-model", ExtraFields = new Dictionary<string, JsonNode?> { ["acceleration"] = "high" } },
            TestContext.Current.CancellationToken));

        var submit = Assert.Single(harness.Recorder);
        Assert.EndsWith("/fal-ai/some-new-model/edit", submit.Path, StringComparison.Ordinal);
        Assert.Equal("high", submit.Fields["acceleration"]);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
    }

    public static TheoryData<string, Func<ImageEditRequest>, string> BadInput => new()
    {
        { "5 references on dev (fal would drop the 5th)", () => Valid("fal-ai/flux-2") with { Images = [.. Enumerable.Repeat(ImageInput.FromBytes(Photo), 5)] }, "request.Images" },
        { "10 references on pro", () => Valid("fal-ai/flux-2-pro") with { Images = [.. Enumerable.Repeat(ImageInput.FromBytes(Photo), 10)] }, "request.Images" },
        { "n = 2 on pro (no num_images)", () => Valid("fal-ai/flux-2-pro") with { Count = 2 }, "request.Count" },
        { "guidance on pro", () => Valid("fal-ai/flux-2-pro") with { GuidanceScale = 3 }, "request.GuidanceScale" },
        { "quality on FLUX", () => Valid("fal-ai/flux-2-flex") with { Quality = ImageQuality.High }, "request.Quality" },
        { "size over 2048", () => Valid("fal-ai/flux-2-pro") with { Size = new ImageSize(2560, 1440) }, "request.Size" },
        { "ratio Nano Banana has no", () => Valid("fal-ai/nano-banana-2") with { Size = new ImageSize(1000, 700) }, "request.Size" },
        { "safety tolerance 6 on FLUX", () => Valid("fal-ai/flux-2-pro") with { ExtraFields = new Dictionary<string, JsonNode?> { ["safety_tolerance"] = 6 } }, "request.ExtraFields" },
        { "raw prompt", () => Valid("fal-ai/flux-2-pro") with { ExtraFields = new Dictionary<string, JsonNode?> { ["prompt"] = "x" } }, "request.ExtraFields" },
        { "webp on pro", () => Valid("fal-ai/flux-2-pro") with { OutputFormat = ImageFormat.Webp }, "request.OutputFormat" },
        { "12 MP of references on pro (9 MP at most)", () => Valid("fal-ai/flux-2-pro") with { Images = [.. Enumerable.Repeat(ImageInput.FromBytes(TestImages.Png(2000, 2000)), 3)] }, "request.Images" },
        { "guidance 0 on flex", () => Valid("fal-ai/flux-2-flex") with { GuidanceScale = 0 }, "request.GuidanceScale" },
        { "negative seed", () => Valid("fal-ai/flux-2") with { Seed = -1 }, "request.Seed" },
        { "thinking level medium on Nano Banana 2 (minimal or high)", () => Valid("fal-ai/nano-banana-2") with { ExtraFields = new Dictionary<string, JsonNode?> { ["thinking_level"] = "medium" } }, "request.ExtraFields" },
        { "5 references on flash", () => Valid("fal-ai/flux-2/flash") with { Images = [.. Enumerable.Repeat(ImageInput.FromBytes(Photo), 5)] }, "request.Images" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task EditAsync_BadInput_IsRefusedBeforeAnyCall(string name, Func<ImageEditRequest> request, string parameter)
    {
        _ = name;
        await using var harness = await Fal(Wire.Loopback);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => harness.Client.EditAsync(request(), TestContext.Current.CancellationToken));

        Assert.Equal(parameter, error.ParamName);
        Assert.Empty(harness.Recorder);
    }

    [Theory]
    [InlineData("fal-ai/flux-2-pro")]
    [InlineData("fal-ai/flux-2/turbo")]
    [InlineData("fal-ai/flux-2/flash")]
    [InlineData("fal-ai/nano-banana-2")]
    public async Task EditAsync_ContentPolicyAndRateLimit_AreTypedOnEveryFalModel(string model)
    {
        await using var harness = await Fal(Wire.Loopback);
        harness.Simulator.Faults.OnRoute(SimulatorRoute.FalSubmit, SimulatedFault.ContentPolicy("violence"));

        await Assert.ThrowsAsync<ImageGenContentPolicyException>(() => harness.Client.EditAsync(Valid(model), TestContext.Current.CancellationToken));

        harness.Simulator.Faults.OnRoute(SimulatorRoute.FalSubmit, SimulatedFault.RateLimit(TimeSpan.FromMilliseconds(1)));
        var result = await harness.Client.EditAsync(Valid(model), TestContext.Current.CancellationToken);
        Assert.Single(result.Images);
    }

    [Fact]
    public void Prices_PerMegapixelAndPerTier_FollowThePublishedRules()
    {
        var prices = ImagePriceTable.Default;
        var wide = new ImageCallShape { Size = new ImageSize(1920, 1080) };
        Assert.Equal(0.045m, prices.Find("fal", "fal-ai/flux-2-pro")!.Estimate(wide)); // fal's own example
        Assert.Equal(0.008m * 3, prices.Find("fal", "fal-ai/flux-2/turbo")!.Estimate(wide with { References = 1 }));
        Assert.Equal(0.12m, prices.Find("fal", "fal-ai/nano-banana-2")!.Estimate(new ImageCallShape { Size = new ImageSize(2048, 2048) }));
        Assert.Null(prices.Find("openai", "fal-ai/flux-2-pro"));
    }

    [Theory]
    [InlineData("fal-ai/flux-2-pro", 1, false, false)]
    [InlineData("fal-ai/flux-2-flex", 1, true, false)]
    [InlineData("fal-ai/flux-2", 4, true, false)]
    [InlineData("fal-ai/nano-banana-2", 4, false, false)]
    [InlineData("gpt-image-2", 4, false, true)]
    public void AdjustCapabilities_FollowsTheModelsFieldTable(string model, int maxCount, bool guidance, bool quality)
    {
        using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.Fal, UseEnvironmentVariables = false, Fal = { ApiKey = "fal-test-id:fal-test-secret" } });

        var capabilities = client.GetCapabilities(model);

        Assert.Equal((maxCount, guidance, quality, true), (capabilities.MaxCount, capabilities.SupportsGuidanceScale, capabilities.Qualities.Count > 0, capabilities.SupportsExtraFields));
        Assert.Equal(model != "gpt-image-2", capabilities.SupportsSeed);
        Assert.False(capabilities.SupportsInputFidelity || capabilities.SupportsBackground || capabilities.SupportsModeration || capabilities.SupportsUser);
    }

    private static ImageEditRequest Valid(string model) => new("a scene", ImageInput.FromBytes(Photo)) { Model = model };
}
