using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

public sealed class CompositeLayoutBuilderTests
{
    [Fact]
    public void Build_SeedStoryboardOn1024x1024_WarnsThatPanelsAreSmall()
    {
        var layout = SeedSpecs.Storyboard(ImageSize.Square1024);

        var warning = Assert.Single(layout.Warnings);
        Assert.Contains("256x512", warning, StringComparison.Ordinal);
        Assert.Contains("384", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SeedStoryboardOn1536x1024_HasNoWarning()
    {
        Assert.Empty(SeedSpecs.Storyboard(ImageSize.Landscape1536x1024).Warnings);
    }

    [Theory]
    [InlineData("1536x1024", 1, 8)]
    [InlineData("1024x1536", 2, 4)]
    [InlineData("1024x1024", 4, 2)]
    public void Build_PanelShorterEdgeUnder384_WarnsInsteadOfThrowing(string canvas, int rows, int columns)
    {
        var layout = Build(rows, columns, canvas);

        Assert.Single(layout.Warnings);
        Assert.True(Math.Min(layout.PanelSize.Width, layout.PanelSize.Height) < CompositeLayout.UsefulPanelEdge);
    }

    [Fact]
    public void Build_CanvasAboveTheStableRange_WarnsItIsExperimental()
    {
        var layout = Build(2, 2, "3840x2160");

        var warning = Assert.Single(layout.Warnings);
        Assert.Contains("experimental", warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 2, "rows")]
    [InlineData(-1, 2, "rows")]
    [InlineData(2, 0, "columns")]
    [InlineData(3, 3, "columns")]
    [InlineData(1, 9, "columns")]
    [InlineData(9, 1, "columns")]
    [InlineData(2, 5, "columns")]
    public void Constructor_InvalidGrid_ThrowsNamingTheParameter(int rows, int columns, string expected)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new CompositeLayoutBuilder(rows, columns, ImageSize.Square1024));

        Assert.Equal(expected, exception.ParamName);
    }

    [Fact]
    public void Constructor_NinePanels_SaysTheCoherenceCeilingIs8()
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new CompositeLayoutBuilder(3, 3, ImageSize.Square1024));

        Assert.Contains("9 panels", exception.Message, StringComparison.Ordinal);
        Assert.Contains("8", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("1000x1000")]
    [InlineData("512x512")]
    [InlineData("3840x1024")]
    [InlineData("4096x2048")]
    public void Constructor_CanvasTheModelRefuses_ThrowsNamingTheCanvas(string canvas)
    {
        var exception = Assert.Throws<ArgumentException>(() => new CompositeLayoutBuilder(2, 2, ImageSize.Parse(canvas)));

        Assert.Equal("canvas", exception.ParamName);
    }

    [Fact]
    public void Constructor_FlexibleCanvasUnderStandardRules_ThrowsNamingTheCanvas()
    {
        var exception = Assert.Throws<ArgumentException>(() => new CompositeLayoutBuilder(2, 2, new ImageSize(2048, 1152), ImageSizeRules.StandardGptImage));

        Assert.Equal("canvas", exception.ParamName);
    }

    [Fact]
    public void AddBeat_MoreBeatsThanPanels_ThrowsNamingTheBeat()
    {
        var builder = new CompositeLayoutBuilder(1, 2, ImageSize.Square1024).AddBeat("a").AddBeat("b");

        var exception = Assert.Throws<ArgumentException>(() => builder.AddBeat("c"));

        Assert.Equal("beat", exception.ParamName);
    }

    [Fact]
    public void AddBeats_MoreBeatsThanPanels_ThrowsNamingTheBeatsAndAddsNone()
    {
        var builder = new CompositeLayoutBuilder(2, 2, ImageSize.Square1024).AddBeat("a");

        var exception = Assert.Throws<ArgumentException>(() => builder.AddBeats("b", "c", "d", "e"));

        Assert.Equal("beats", exception.ParamName);
        Assert.Equal(4, builder.AddBeats("b", "c", "d").Build().Panels.Count);
    }

    [Fact]
    public void Build_FewerBeatsThanPanels_Throws()
    {
        var builder = new CompositeLayoutBuilder(2, 4, ImageSize.Landscape1536x1024).AddBeats("a", "b", "c");

        var exception = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("8 panels but 3 beats", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1023)]
    public void WithGutter_NegativeOrLeavingNoRoom_ThrowsNamingTheGutter(int gutter)
    {
        var builder = new CompositeLayoutBuilder(1, 2, ImageSize.Square1024);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => builder.WithGutter(gutter));

        Assert.Equal("gutterPixels", exception.ParamName);
    }

    private static CompositeLayout Build(int rows, int columns, string canvas) =>
        new CompositeLayoutBuilder(rows, columns, ImageSize.Parse(canvas))
            .AddBeats(Enumerable.Range(1, rows * columns).Select(i => new Scene($"beat {i}")))
            .Build();
}
