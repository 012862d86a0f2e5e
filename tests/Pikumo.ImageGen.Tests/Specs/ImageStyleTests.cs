using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

public sealed class ImageStyleTests
{
    [Fact]
    public void Presets_StartWithTheSeedsDreamscape()
    {
        Assert.Same(ImageStyle.Dreamscape, ImageStyle.Presets[0]);
        Assert.Equal("dreamscape (painted anime)", ImageStyle.Dreamscape.Name);
    }

    [Fact]
    public void Presets_CoverTheStylesAStoryAppOffers_WithDistinctNames()
    {
        Assert.Equal(
            ["dreamscape (painted anime)", "storybook watercolour", "comic ink", "photoreal", "3D animated"],
            ImageStyle.Presets.Select(s => s.Name));
        Assert.All(ImageStyle.Presets, s => Assert.False(string.IsNullOrWhiteSpace(s.Avoid)));
    }

    [Fact]
    public void Constructor_CustomStyle_TrimsAndHasNoAvoid()
    {
        var style = new ImageStyle("  linocut print ", " bold carved lines, two inks ");

        Assert.Equal(("linocut print", "bold carved lines, two inks", null), (style.Name, style.Description, style.Avoid));
    }

    [Fact]
    public void With_VariationOfPreset_LeavesThePresetUnchanged()
    {
        var night = ImageStyle.Dreamscape with { Description = "painted anime at night, deep blue palette" };

        Assert.Equal("dreamscape (painted anime)", night.Name);
        Assert.NotEqual(ImageStyle.Dreamscape.Description, night.Description);
    }

    [Theory]
    [InlineData("", "d", "name")]
    [InlineData("n", " ", "description")]
    public void Constructor_EmptyPart_ThrowsNamingIt(string name, string description, string expected)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new ImageStyle(name, description));

        Assert.Equal(expected, exception.ParamName);
    }
}
