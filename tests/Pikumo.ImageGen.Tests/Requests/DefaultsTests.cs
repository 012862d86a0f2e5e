using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Requests;

/// <summary>
/// The library's own defaults are sent only where the model and provider take them; what a caller sets still meets
/// the Throw/Omit policy (issue 13, section 2).
/// </summary>
public sealed class DefaultsTests
{
    private static ImageEditRequest Edit() => new("x", ImageInput.FromBytes(TestImages.Png()));

    [Fact]
    public void TierOptions_InputFidelity_IsADefaultUntilSet_AndWithKeepsWhatWasSet()
    {
        var defaults = new SequenceTierOptions();
        var set = new SequenceTierOptions { InputFidelity = InputFidelity.High };

        Assert.Equal(InputFidelity.High, defaults.InputFidelity);
        Assert.True(defaults.InputFidelityIsDefault);
        Assert.False(set.InputFidelityIsDefault);
        Assert.True((defaults with { Quality = ImageQuality.High }).InputFidelityIsDefault);
        Assert.False((set with { Quality = ImageQuality.High }).InputFidelityIsDefault);
        Assert.False((defaults with { InputFidelity = null }).InputFidelityIsDefault);
    }

    [Fact]
    public void EditRequest_SettingInputFidelity_ClearsTheDefaultMark()
    {
        var defaulted = Edit() with { InputFidelity = InputFidelity.High, InputFidelityIsDefault = true };

        Assert.True(defaulted.InputFidelityIsDefault);
        Assert.False((defaulted with { InputFidelity = InputFidelity.Low }).InputFidelityIsDefault);
    }

    [Fact]
    public async Task DefaultInputFidelity_OnFal_IsLeftOffSilently()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(ImageProvider.Fal, o => o.Fal.PollInterval = TimeSpan.FromMilliseconds(1));

        var result = await client.EditAsync(Edit() with { InputFidelity = InputFidelity.High, InputFidelityIsDefault = true }, TestContext.Current.CancellationToken);

        Assert.Single(result.Images);
        Assert.Empty(result.OmittedParameters);
        Assert.DoesNotContain("input_fidelity", simulator.Recorder.ImageCalls.Single().Fields.Keys);
    }

    [Fact]
    public async Task UserSetInputFidelity_OnFal_StillMeetsThePolicy()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var strict = simulator.CreateClient(ImageProvider.Fal);
        using var lenient = simulator.CreateClient(ImageProvider.Fal, o =>
        {
            o.UnsupportedParameters = UnsupportedParameterPolicy.Omit;
            o.Fal.PollInterval = TimeSpan.FromMilliseconds(1);
        });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => strict.EditAsync(Edit() with { InputFidelity = InputFidelity.High }, TestContext.Current.CancellationToken));
        Assert.Equal("request.InputFidelity", error.ParamName);
        var result = await lenient.EditAsync(Edit() with { InputFidelity = InputFidelity.High }, TestContext.Current.CancellationToken);
        Assert.Equal(["input_fidelity"], result.OmittedParameters);
    }

    [Fact]
    public async Task DefaultInputFidelity_OnOpenAI_IsSent()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();

        await client.EditAsync(Edit() with { InputFidelity = InputFidelity.High, InputFidelityIsDefault = true }, TestContext.Current.CancellationToken);

        Assert.Equal("high", simulator.Recorder.ImageCalls.Single().Fields["input_fidelity"]);
    }

    public static TheoryData<ImageProvider, string?> Routes => new()
    {
        { ImageProvider.OpenAI, null },
        { ImageProvider.AzureOpenAI, null },
        { ImageProvider.Fal, null },
        { ImageProvider.Gemini, null },
        { ImageProvider.Gemini, "gemini-nano-banana-2.1" },
        { ImageProvider.Fal, "fal-ai/flux-2-pro" },
        { ImageProvider.Fal, "fal-ai/flux-2/turbo" },
        { ImageProvider.Fal, "fal-ai/nano-banana-2" },
    };

    [Fact]
    public void Routes_CoverEveryBuiltInProvider()
    {
        // The built-ins are the registrations named after an ImageProvider member (a test may have registered its own).
        var builtIn = ImageProviders.All
            .Select(p => Enum.TryParse<ImageProvider>(p.Name, ignoreCase: true, out var member) ? member : (ImageProvider?)null)
            .OfType<ImageProvider>()
            .Where(p => p != ImageProvider.Custom)
            .ToHashSet();

        Assert.Contains(ImageProvider.Gemini, builtIn);
        Assert.Subset(Routes.Select(r => r.Data.Item1).ToHashSet(), builtIn);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task PlainEditAndGeneration_WithTheLibraryDefaults_RunOnEveryRoute(ImageProvider provider, string? model)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(provider, o => o.Fal.PollInterval = TimeSpan.FromMilliseconds(1));
        var chosen = model is null ? (ImageModel?)null : new ImageModel(model);

        var edit = await client.EditAsync(Edit() with { Model = chosen }, TestContext.Current.CancellationToken);
        var generation = await client.GenerateAsync(new ImageGenerateRequest("x") { Model = chosen }, TestContext.Current.CancellationToken);

        Assert.Equal(UnsupportedParameterPolicy.Throw, client.Options.UnsupportedParameters);
        Assert.Single(edit.Images);
        Assert.Single(generation.Images);
        Assert.Empty(edit.OmittedParameters);
        Assert.Empty(generation.OmittedParameters);
    }
}
