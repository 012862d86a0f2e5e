using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Tests.Specs;

/// <summary>
/// The plain-text rendering for models that do not read JSON well: a golden file per spec, the same facts as the
/// JSON, and chosen per model by the capability table.
/// </summary>
public sealed class PlainTextPromptTests
{
    public static TheoryData<string> GoldenNames => [.. SeedSpecs.Golden.Keys];

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void RenderPlainText_EveryGoldenSpec_MatchesItsTextGoldenFile(string name)
    {
        var text = SeedSpecs.Golden[name]().Render(PromptFormat.PlainText);

        GoldenFile.AssertMatches(Path.ChangeExtension(name, ".txt"), text);
    }

    [Fact]
    public void GoldenFolder_HoldsNoStaleTextFiles()
    {
        Assert.SkipWhen(GoldenFile.Updating, "The golden files are being written.");
        var onDisk = Directory.GetFiles(GoldenFile.Folder, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(SeedSpecs.Golden.Keys.Select(k => Path.ChangeExtension(k, ".txt")).Order(StringComparer.Ordinal), onDisk);
    }

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void RenderPlainText_CarriesEveryTraitBeatAndReferenceOfTheSpec(string name)
    {
        var spec = SeedSpecs.Golden[name]();
        var text = spec.Render(PromptFormat.PlainText);

        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        foreach (var trait in spec.Subjects.SelectMany(s => s.IdentityLock.MatchExactly))
        {
            Assert.Contains(trait.Description, text, StringComparison.Ordinal);
        }

        foreach (var scene in spec.Layout?.Panels.Select(p => p.Beat) ?? [spec.Scene!])
        {
            Assert.Contains(scene.Beat, text, StringComparison.Ordinal);
        }

        foreach (var reference in spec.References)
        {
            Assert.Contains($"Image {reference.Number} (", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_UnknownFormat_NamesTheParameter() =>
        Assert.Equal("format", Assert.Throws<ArgumentOutOfRangeException>(() => SeedSpecs.ModeA().Render((PromptFormat)7)).ParamName);

    [Theory]
    [InlineData(PromptFormat.Json)]
    [InlineData(PromptFormat.PlainText)]
    public async Task EditAsync_SpecPrompt_IsWrittenInTheModelsFormat(PromptFormat format)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var model = ImageModelCatalog.Default.Resolve("gpt-image-2") with { PromptFormat = format };
        using var client = simulator.CreateClient(configure: o => o.Models = ImageModelCatalog.Default.With(model));
        var spec = SeedSpecs.ModeA();

        await client.EditAsync(spec.ToEditRequest(ImageInput.FromBytes(Infrastructure.TestImages.Png())) with { Model = "gpt-image-2" }, TestContext.Current.CancellationToken);

        Assert.Equal(spec.Render(format), simulator.Recorder.Last!.Prompt);
    }

    [Fact]
    public async Task EditAsync_TextPrompt_IsSentAsWrittenWhateverTheModelsFormat()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var model = ImageModelCatalog.Default.Resolve("gpt-image-2") with { PromptFormat = PromptFormat.PlainText };
        using var client = simulator.CreateClient(configure: o => o.Models = ImageModelCatalog.Default.With(model));

        await client.EditAsync(new ImageEditRequest("{\"keep\": \"my JSON\"}", ImageInput.FromBytes(Infrastructure.TestImages.Png())) { Model = "gpt-image-2" }, TestContext.Current.CancellationToken);

        Assert.Equal("{\"keep\": \"my JSON\"}", simulator.Recorder.Last!.Prompt);
    }
}
