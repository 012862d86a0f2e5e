using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

/// <summary>
/// Each preset and each of the seed's five modes renders exactly the text in its golden file
/// (see <see cref="GoldenFile"/>; regenerate with <c>PIKUMO_UPDATE_GOLDEN=1</c>).
/// </summary>
public sealed class GoldenPromptTests
{
    public static TheoryData<string> GoldenNames => [.. SeedSpecs.Golden.Keys];

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void Render_PresetOrSeedMode_MatchesGoldenFileByteForByte(string name)
    {
        var text = SeedSpecs.Golden[name]().Render();

        GoldenFile.AssertMatches(name, text);
    }

    [Fact]
    public void Golden_EveryPreset_HasAGoldenFile()
    {
        var names = SeedSpecs.Golden.Keys.ToList();

        Assert.Equal(3, names.Count(n => n.StartsWith("identity-", StringComparison.Ordinal)));
        Assert.Equal(ImageStyle.Presets.Count, names.Count(n => n.StartsWith("style-", StringComparison.Ordinal)));
        Assert.Equal(5, names.Count(n => n.StartsWith("mode-", StringComparison.Ordinal)));
    }

    [Fact]
    public void GoldenFolder_HoldsNoStaleFiles()
    {
        Assert.SkipWhen(GoldenFile.Updating, "The golden files are being written.");
        var onDisk = Directory.GetFiles(GoldenFile.Folder, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(SeedSpecs.Golden.Keys.Order(StringComparer.Ordinal), onDisk);
    }
}
