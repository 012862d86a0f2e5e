using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Testing.Imaging;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests.Imaging;

/// <summary>The pictures: real PNGs of the asked size, deterministic per seed, drawing the prompt's layout.</summary>
public sealed class ImageRenderingTests
{
    private const string Storyboard = """
        {"style":"dreamscape","layout":{"rows":2,"columns":4,"canvas":"1536x1024","panels":[
        {"name":"panel_1","beat":"early morning, bedroom"},{"name":"panel_2","beat":"coffee"},{"name":"panel_3","beat":"train commute"},
        {"name":"panel_4","beat":"cafe lunch"},{"name":"panel_5","beat":"afternoon reading"},{"name":"panel_6","beat":"park walk"},
        {"name":"panel_7","beat":"dinner cooking"},{"name":"panel_8","beat":"dusk balcony"}]}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<byte[]> GenerateAsync(string prompt, ImageSize? size = null, ulong seed = SimulatorOptions.DefaultSeed)
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, options: new SimulatorOptions { LatencyScale = 0, Seed = seed });
        var result = await harness.Client.GenerateAsync(new ImageGenerateRequest { Prompt = prompt, Size = size ?? ImageSize.Square1024, Quality = ImageQuality.Low }, Ct);
        return result.Images.Single().Data.ToArray();
    }

    [Fact]
    public async Task Generate_SameRequestAndSeed_GivesTheSameBytes()
    {
        var first = await GenerateAsync(Storyboard);
        var second = await GenerateAsync(Storyboard);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Generate_AnotherSeed_GivesOtherBytes()
    {
        var first = await GenerateAsync(Storyboard, seed: 1);
        var second = await GenerateAsync(Storyboard, seed: 2);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Generate_DifferentBeats_GiveDifferentBytes()
    {
        var first = await GenerateAsync("""{"scene":{"beat":"morning coffee"}}""");
        var second = await GenerateAsync("""{"scene":{"beat":"evening walk"}}""");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Generate_StoryboardWithSizeAuto_DrawsTheCanvasAsAGridOfPastelPanelsWithLines()
    {
        var png = await GenerateAsync(Storyboard, ImageSize.Auto);

        PngAssert.Valid(png, 1536, 1024);
        var pixels = PngAssert.Decode(png);
        var grid = pixels[384, 700]; // the line between columns 1 and 2
        Assert.True(grid.R < 100 && grid.G < 100 && grid.B < 110, $"expected a dark grid line, got {grid}");
        var panelColours = new HashSet<(byte, byte, byte)>();
        for (var row = 0; row < 2; row++)
        {
            for (var column = 0; column < 4; column++)
            {
                var inside = pixels[(column * 384) + 300, (row * 512) + 300];
                Assert.True(inside.R > 150 && inside.G > 150 && inside.B > 150, $"expected a pastel panel, got {inside}");
                panelColours.Add(inside);
            }
        }

        Assert.True(panelColours.Count >= 6, $"panels should differ in colour, got {panelColours.Count} distinct");
    }

    [Fact]
    public async Task Generate_Composite_WritesEachPanelsLabel()
    {
        var pixels = PngAssert.Decode(await GenerateAsync(Storyboard, ImageSize.Landscape1536x1024));

        for (var panel = 0; panel < 8; panel++)
        {
            var (x0, y0) = ((panel % 4) * 384, (panel / 4) * 512);
            var dark = 0;
            for (var y = y0 + 16; y < y0 + 80; y += 2)
            {
                for (var x = x0 + 16; x < x0 + 200; x += 2)
                {
                    var (r, g, b) = pixels[x, y];
                    dark += r < 80 && g < 80 && b < 100 ? 1 : 0;
                }
            }

            Assert.True(dark > 20, $"panel {panel + 1} should carry its name in ink");
        }
    }

    [Theory]
    [InlineData(1024, 1024)]
    [InlineData(1536, 1024)]
    [InlineData(1024, 1536)]
    [InlineData(2048, 1152)]
    [InlineData(2560, 1440)]
    [InlineData(1536, 512)]
    public async Task Generate_GptImage2Size_ReturnsAValidPngOfThatSize(int width, int height)
    {
        var png = await GenerateAsync("a plain text prompt", new ImageSize(width, height));

        PngAssert.Valid(png, width, height);
    }

    [Fact]
    public void Parse_CompositeLayout_ReadsGridCanvasAndPanelsInReadingOrder()
    {
        var layout = PromptLayout.Parse(Storyboard);

        Assert.True(layout.IsComposite);
        Assert.Equal((2, 4), (layout.Rows, layout.Columns));
        Assert.Equal(ImageSize.Landscape1536x1024, layout.Canvas);
        Assert.Equal(["panel_1", "panel_2", "panel_3", "panel_4", "panel_5", "panel_6", "panel_7", "panel_8"], layout.Panels.Select(p => p.Name));
        Assert.Equal("dusk balcony", layout.Panels[7].Beat);
    }

    [Theory]
    [InlineData("""{"scene":{"beat":"morning coffee","time_of_day":"morning"}}""", "morning coffee")]
    [InlineData("just words", "just words")]
    [InlineData("{ not json", "{ not json")]
    [InlineData("""{"subject":"no scene, no layout"}""", """{"subject":"no scene, no layout"}""")]
    public void Parse_SingleSceneOrText_IsOnePanelWithThatText(string prompt, string beat)
    {
        var layout = PromptLayout.Parse(prompt);

        Assert.False(layout.IsComposite);
        Assert.Equal(beat, Assert.Single(layout.Panels).Beat);
    }

    [Fact]
    public void Parse_LayoutWithFewerPanelsThanCells_FillsTheRestWithNumberedPanels()
    {
        var layout = PromptLayout.Parse("""{"layout":{"rows":2,"columns":2,"panels":[{"name":"a","beat":"x"}]}}""");

        Assert.Equal(["a", "panel_2", "panel_3", "panel_4"], layout.Panels.Select(p => p.Name));
    }

    [Fact]
    public void Wrap_LongText_BreaksAtWordsAndSplitsOverlongWords()
    {
        var lines = SceneRenderer.Wrap("morning coffee at the kitchen table supercalifragilistic", 10).ToArray();

        Assert.Equal(["morning", "coffee at", "the", "kitchen", "table", "supercalif", "ragilistic"], lines);
    }

    [Fact]
    public void Glyph_EveryPrintableCharacter_HasItsOwnShape()
    {
        var shapes = Enumerable.Range('!', '~' - '!' + 1).Select(c => Convert.ToHexString(BitmapFont.Glyph((char)c))).ToArray();

        Assert.Equal(shapes.Length, shapes.Distinct().Count());
        Assert.Equal(BitmapFont.Glyph('?').ToArray(), BitmapFont.Glyph('é').ToArray());
    }

    [Fact]
    public async Task Edit_CountFour_GivesFourDistinctVariants()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess);

        var result = await harness.Client.EditAsync(new ImageEditRequest("""{"scene":{"beat":"morning coffee"}}""", ImageInput.FromBytes(TestImages.Png())) { Count = 4, Size = ImageSize.Square1024 }, Ct);

        Assert.Equal(4, result.Images.Select(i => Convert.ToBase64String(i.Data.Span)).Distinct().Count());
    }
}
