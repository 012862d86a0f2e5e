using System.Text.Json;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

/// <summary>
/// Property-style theories over seeded random input (<see cref="RandomSpecs"/>): every valid spec renders to JSON
/// the simulator can read, within the prompt limit, carrying its beats and panel names; every invalid input is
/// refused with an <see cref="ArgumentException"/> naming the offending part.
/// </summary>
public sealed class PromptSpecPropertyTests
{
    private const int MaxPromptLength = 32_000;

    public static TheoryData<int> Seeds => RandomSpecs.Seeds(200);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Render_AnyValidSpec_IsAJsonObjectWithinThePromptLimit(int seed)
    {
        var spec = RandomSpecs.Spec(seed).Spec;

        var text = spec.Render(MaxPromptLength);

        using var document = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        Assert.InRange(text.Length, 1, MaxPromptLength);
        Assert.DoesNotContain('\r', text);
        Assert.Equal(text, spec.ToBuilder().Build().Render());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Render_AnyValidSpec_RoundTripsItsBeatsAndPanelNames(int seed)
    {
        var generated = RandomSpecs.Spec(seed);

        using var document = JsonDocument.Parse(generated.Spec.Render());
        var root = document.RootElement;

        if (generated.Grid is { } grid)
        {
            Assert.False(root.TryGetProperty("scene", out _));
            var layout = root.GetProperty("layout");
            Assert.Equal(grid.Rows, layout.GetProperty("rows").GetInt32());
            Assert.Equal(grid.Columns, layout.GetProperty("columns").GetInt32());
            Assert.Equal(grid.Canvas.ToString(), layout.GetProperty("canvas").GetString());
            var panels = layout.GetProperty("panels").EnumerateArray().ToList();
            Assert.Equal(generated.Spec.Layout!.Panels.Select(p => p.Name), panels.Select(p => p.GetProperty("name").GetString()));
            Assert.Equal(generated.Beats.Select(b => b.Beat), panels.Select(p => p.GetProperty("beat").GetString()));
            Assert.Equal(generated.Beats.Select(b => b.Setting), panels.Select(p => p.TryGetProperty("setting", out var s) ? s.GetString() : null));
        }
        else
        {
            Assert.False(root.TryGetProperty("layout", out _));
            Assert.Equal(generated.Beats[0].Beat, root.GetProperty("scene").GetProperty("beat").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Render_AnyValidSpec_NamesWhichImageIsWhich(int seed)
    {
        var generated = RandomSpecs.Spec(seed);

        using var document = JsonDocument.Parse(generated.Spec.Render());
        var root = document.RootElement;

        var expectedReferences = generated.Subjects.Sum(s => s.References) + generated.ContinuityReferences;
        var references = root.TryGetProperty("references", out var r) ? r.EnumerateArray().ToList() : [];
        Assert.Equal(Enumerable.Range(1, expectedReferences), references.Select(e => e.GetProperty("image").GetInt32()));
        Assert.Equal(generated.ContinuityReferences, references.Count(e => e.GetProperty("role").GetString() == "continuity_reference"));

        var subjects = root.TryGetProperty("subjects", out var s) ? s.EnumerateArray().ToList() : [];
        Assert.Equal(generated.Subjects.Select(x => x.Name), subjects.Select(e => e.GetProperty("name").GetString()));
        var next = 1;
        foreach (var (subject, json) in generated.Subjects.Zip(subjects))
        {
            Assert.Equal(Enumerable.Range(next, subject.References), json.GetProperty("reference_images").EnumerateArray().Select(e => e.GetInt32()));
            next += subject.References;
            var identity = json.GetProperty("identity_lock");
            Assert.Equal(subject.Lock.MatchExactly.Select(t => t.Name), identity.GetProperty("match_exactly").EnumerateObject().Select(p => p.Name));
            var free = identity.GetProperty("do_not_match").EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(subject.Wardrobe is not null, json.TryGetProperty("wardrobe", out _));
            if (subject.Wardrobe is not null)
            {
                Assert.DoesNotContain("clothing", free);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Build_AnyValidGrid_PanelsTileTheCanvasWithoutOverlap(int seed)
    {
        var random = new Random(seed);
        var (rows, columns) = RandomSpecs.Grid(random);
        var canvas = RandomSpecs.ValidCanvases[random.Next(RandomSpecs.ValidCanvases.Length)];

        var layout = new CompositeLayoutBuilder(rows, columns, canvas)
            .AddBeats(Enumerable.Range(0, rows * columns).Select(_ => RandomSpecs.Scene(random)))
            .Build();

        Assert.Equal(canvas.PixelCount, layout.Panels.Sum(p => (long)p.Bounds.Width * p.Bounds.Height));
        foreach (var (a, b) in layout.Panels.SelectMany(a => layout.Panels.Where(b => b.Index > a.Index).Select(b => (a, b))))
        {
            var overlap = a.Bounds.X < b.Bounds.X + b.Bounds.Width && b.Bounds.X < a.Bounds.X + a.Bounds.Width
                && a.Bounds.Y < b.Bounds.Y + b.Bounds.Height && b.Bounds.Y < a.Bounds.Y + a.Bounds.Height;
            Assert.False(overlap, $"{a.Name} {a.Bounds} overlaps {b.Name} {b.Bounds}");
        }

        Assert.All(layout.Panels, p => Assert.True(p.Bounds.X >= 0 && p.Bounds.Y >= 0 && p.Bounds.X + p.Bounds.Width <= canvas.Width && p.Bounds.Y + p.Bounds.Height <= canvas.Height));
    }

    public static TheoryData<int> InvalidSeeds => RandomSpecs.Seeds(50, offset: 10_000);

    [Theory]
    [MemberData(nameof(InvalidSeeds))]
    public void AddBeats_MoreBeatsThanPanels_ThrowsNamingTheBeats(int seed)
    {
        var random = new Random(seed);
        var (rows, columns) = RandomSpecs.Grid(random);
        var beats = Enumerable.Range(0, (rows * columns) + random.Next(1, 4)).Select(_ => RandomSpecs.Scene(random)).ToList();
        var builder = new CompositeLayoutBuilder(rows, columns, RandomSpecs.ValidCanvases[random.Next(RandomSpecs.ValidCanvases.Length)]);

        var exception = Assert.Throws<ArgumentException>(() => builder.AddBeats(beats));

        Assert.Equal("beats", exception.ParamName);
        var one = Assert.Throws<ArgumentException>(() => beats.ForEach(b => builder.AddBeat(b)));
        Assert.Equal("beat", one.ParamName);
    }

    [Theory]
    [MemberData(nameof(InvalidSeeds))]
    public void Constructor_MoreThanEightPanels_ThrowsNamingTheColumns(int seed)
    {
        var random = new Random(seed);
        var rows = random.Next(1, 10);
        var columns = (CompositeLayout.MaxPanels / rows) + random.Next(1, 4);

        var exception = Assert.ThrowsAny<ArgumentException>(() => new CompositeLayoutBuilder(rows, columns, ImageSize.Landscape1536x1024));

        Assert.Equal("columns", exception.ParamName);
    }

    [Theory]
    [MemberData(nameof(InvalidSeeds))]
    public void Constructor_RowsOrColumnsUnderOne_ThrowsNamingThem(int seed)
    {
        var random = new Random(seed);
        var small = -random.Next(0, 5);
        var fine = random.Next(1, 3);
        var rowsFirst = random.Next(2) == 0;

        var exception = Assert.ThrowsAny<ArgumentException>(() => rowsFirst
            ? new CompositeLayoutBuilder(small, fine, ImageSize.Square1024)
            : new CompositeLayoutBuilder(fine, small, ImageSize.Square1024));

        Assert.Equal(rowsFirst ? "rows" : "columns", exception.ParamName);
    }

    [Theory]
    [MemberData(nameof(InvalidSeeds))]
    public void Scene_EmptyOrWhitespaceBeat_ThrowsNamingTheBeat(int seed)
    {
        var random = new Random(seed);
        var beat = new string(Enumerable.Range(0, random.Next(0, 5)).Select(_ => " \t\n\r\u00A0\u2003"[random.Next(6)]).ToArray());
        var builder = new CompositeLayoutBuilder(1, 1, ImageSize.Square1024);

        var exception = Assert.ThrowsAny<ArgumentException>(() => builder.AddBeat(beat));

        Assert.Equal("beat", exception.ParamName);
    }

    [Theory]
    [MemberData(nameof(InvalidSeeds))]
    public void Constructor_CanvasTheModelRefuses_ThrowsNamingTheCanvas(int seed)
    {
        var random = new Random(seed);
        ImageSize canvas;
        do
        {
            canvas = random.Next(10) == 0 ? ImageSize.Auto : new ImageSize(random.Next(1, 5000), random.Next(1, 5000));
        }
        while (!canvas.IsAuto && ImageSizeRules.GptImage2.Check(canvas) is null);
        var (rows, columns) = RandomSpecs.Grid(random);

        var exception = Assert.Throws<ArgumentException>(() => new CompositeLayoutBuilder(rows, columns, canvas));

        Assert.Equal("canvas", exception.ParamName);
    }
}
