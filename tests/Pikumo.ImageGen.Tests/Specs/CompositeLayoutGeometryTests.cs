using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

/// <summary>The panel rectangles a slicer crops: exact tiling, reading order, names, and the seed's panel sizes.</summary>
public sealed class CompositeLayoutGeometryTests
{
    private static readonly string[] Canvases = ["1024x1024", "1536x1024", "1024x1536", "2048x1152"];

    private static readonly (int Rows, int Columns)[] Grids =
        [(1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1), (2, 4), (4, 2), (1, 8), (8, 1), (1, 5), (1, 7)];

    public static TheoryData<string, int, int> CanvasesAndGrids
    {
        get
        {
            var data = new TheoryData<string, int, int>();
            foreach (var canvas in Canvases)
            {
                foreach (var (rows, columns) in Grids)
                {
                    data.Add(canvas, rows, columns);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CanvasesAndGrids))]
    public void Build_NoGutter_PanelsTileTheCanvasExactly(string canvas, int rows, int columns)
    {
        var layout = Layout(rows, columns, canvas);
        var size = ImageSize.Parse(canvas);

        Assert.Equal(size.PixelCount, layout.Panels.Sum(p => (long)p.Bounds.Width * p.Bounds.Height));
        foreach (var panel in layout.Panels)
        {
            var left = panel.Column == 0 ? 0 : Right(layout.Panels[panel.Index - 1].Bounds);
            var top = panel.Row == 0 ? 0 : Bottom(layout.Panels[panel.Index - columns].Bounds);
            Assert.Equal(left, panel.Bounds.X);
            Assert.Equal(top, panel.Bounds.Y);
            Assert.Equal(layout.Panels[panel.Row * columns].Bounds.Height, panel.Bounds.Height);
            Assert.Equal(layout.Panels[panel.Column].Bounds.Width, panel.Bounds.Width);
            if (panel.Column == columns - 1)
            {
                Assert.Equal(size.Width, Right(panel.Bounds));
            }

            if (panel.Row == rows - 1)
            {
                Assert.Equal(size.Height, Bottom(panel.Bounds));
            }
        }
    }

    [Theory]
    [MemberData(nameof(CanvasesAndGrids))]
    public void Build_AnyGrid_PanelsAreInReadingOrderAndNamed(string canvas, int rows, int columns)
    {
        var layout = Layout(rows, columns, canvas);

        Assert.Equal(rows * columns, layout.Panels.Count);
        for (var i = 0; i < layout.Panels.Count; i++)
        {
            var panel = layout.Panels[i];
            Assert.Equal((i, i / columns, i % columns), (panel.Index, panel.Row, panel.Column));
            Assert.Equal($"beat {i + 1}", panel.Beat.Beat);
            Assert.Equal((rows, columns) == (2, 2) ? panel.Name : $"panel_{i + 1}", panel.Name);
        }

        Assert.Equal(layout.Panels.Count, layout.Panels.Select(p => p.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(CanvasesAndGrids))]
    public void Build_UnevenCanvas_PanelEdgesDifferByAtMostOnePixelAndPanelSizeIsTheSmallest(string canvas, int rows, int columns)
    {
        var layout = Layout(rows, columns, canvas);

        var widths = layout.Panels.Select(p => p.Bounds.Width).ToList();
        var heights = layout.Panels.Select(p => p.Bounds.Height).ToList();
        Assert.InRange(widths.Max() - widths.Min(), 0, 1);
        Assert.InRange(heights.Max() - heights.Min(), 0, 1);
        Assert.Equal((widths.Min(), heights.Min()), (layout.PanelSize.Width, layout.PanelSize.Height));
    }

    [Fact]
    public void Build_TwoByTwo_UsesTheSeedsPositionalNames()
    {
        var layout = Layout(2, 2, "1024x1024");

        Assert.Equal(
            ["panel_top_left", "panel_top_right", "panel_bottom_left", "panel_bottom_right"],
            layout.Panels.Select(p => p.Name));
        Assert.All(layout.Panels, p => Assert.Equal((512, 512), (p.Bounds.Width, p.Bounds.Height)));
        Assert.Equal(new PixelRect(512, 512, 512, 512), layout.Panels[3].Bounds);
    }

    [Fact]
    public void Build_TwoByFourOn1536x1024_GivesTheSeeds384x512Panels()
    {
        var layout = Layout(2, 4, "1536x1024");

        Assert.All(layout.Panels, p => Assert.Equal((384, 512), (p.Bounds.Width, p.Bounds.Height)));
        Assert.Equal(new ImageSize(384, 512), layout.PanelSize);
        Assert.Equal(new PixelRect(0, 512, 384, 512), layout.Panels[4].Bounds);
        Assert.Equal(new PixelRect(1152, 512, 384, 512), layout.Panels[7].Bounds);
    }

    [Fact]
    public void Build_TwoByFourOn1024x1024_Gives256x512Panels()
    {
        var layout = Layout(2, 4, "1024x1024");

        Assert.All(layout.Panels, p => Assert.Equal((256, 512), (p.Bounds.Width, p.Bounds.Height)));
        Assert.Equal(["panel_1", "panel_2", "panel_3", "panel_4", "panel_5", "panel_6", "panel_7", "panel_8"], layout.Panels.Select(p => p.Name));
    }

    [Fact]
    public void Build_CanvasNotDivisibleByColumns_GivesTheRemainderToTheFirstColumns()
    {
        var layout = Layout(1, 3, "2048x1152");

        Assert.Equal(
            [new PixelRect(0, 0, 683, 1152), new PixelRect(683, 0, 683, 1152), new PixelRect(1366, 0, 682, 1152)],
            layout.Panels.Select(p => p.Bounds));
    }

    [Theory]
    [InlineData("1536x1024", 2, 4, 16)]
    [InlineData("1024x1024", 2, 2, 7)]
    [InlineData("2048x1152", 3, 2, 10)]
    [InlineData("1024x1536", 1, 8, 1)]
    public void Build_WithGutter_PanelsAreSeparatedByExactlyTheGutterAndReachTheEdges(string canvas, int rows, int columns, int gutter)
    {
        var layout = Layout(rows, columns, canvas, gutter);
        var size = ImageSize.Parse(canvas);

        Assert.Equal(gutter, layout.GutterPixels);
        foreach (var panel in layout.Panels)
        {
            if (panel.Column > 0)
            {
                var left = layout.Panels[panel.Index - 1].Bounds;
                Assert.Equal(left.X + left.Width + gutter, panel.Bounds.X);
            }

            if (panel.Row > 0)
            {
                var above = layout.Panels[panel.Index - columns].Bounds;
                Assert.Equal(above.Y + above.Height + gutter, panel.Bounds.Y);
            }
        }

        var last = layout.Panels[^1].Bounds;
        Assert.Equal((size.Width, size.Height), (last.X + last.Width, last.Y + last.Height));
        Assert.Equal((0, 0), (layout.Panels[0].Bounds.X, layout.Panels[0].Bounds.Y));
    }

    [Fact]
    public void Build_GutterOn1536x1024TwoByFour_ShrinksPanelsBy12And8Pixels()
    {
        var layout = Layout(2, 4, "1536x1024", gutter: 16);

        Assert.Equal(new PixelRect(0, 0, 372, 504), layout.Panels[0].Bounds);
        Assert.Equal(new PixelRect(388, 520, 372, 504), layout.Panels[5].Bounds);
    }

    private static int Right(PixelRect rect) => rect.X + rect.Width;

    private static int Bottom(PixelRect rect) => rect.Y + rect.Height;

    private static CompositeLayout Layout(int rows, int columns, string canvas, int gutter = 0) =>
        new CompositeLayoutBuilder(rows, columns, ImageSize.Parse(canvas))
            .WithGutter(gutter)
            .AddBeats(Enumerable.Range(1, rows * columns).Select(i => new Scene($"beat {i}")))
            .Build();
}
