using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

/// <summary>
/// Seeded generators of valid builder input for the property-style theories: the same seed always gives the same
/// spec, so a failing case is reproduced by its seed alone.
/// </summary>
internal static class RandomSpecs
{
    public static readonly ImageSize[] ValidCanvases =
    [
        ImageSize.Square1024, ImageSize.Landscape1536x1024, ImageSize.Portrait1024x1536,
        new(2048, 1152), new(1152, 2048), new(1280, 720), new(1024, 768), new(2560, 1440), new(3840, 2160),
    ];

    private static readonly string[] Words =
    [
        "Mia", "coffee", "park", "train", "balcony", "rain", "Leo's", "\"quoted\"", "café", "naïve", "朝のコーヒー",
        "back\\slash", "tab\there", "line\nbreak", "<b>bold</b>", "Tom & Jerry", "O'Neil", "🌅 dawn", "{braces}", "[1]",
    ];

    public static TheoryData<int> Seeds(int count, int offset = 0) => [.. Enumerable.Range(offset, count)];

    /// <summary>One to eight words from a pool with quotes, escapes, non-ASCII and JSON punctuation.</summary>
    public static string Text(Random random, int maxWords = 8) =>
        string.Join(' ', Enumerable.Range(0, random.Next(1, maxWords + 1)).Select(_ => Words[random.Next(Words.Length)]));

    public static (int Rows, int Columns) Grid(Random random)
    {
        var rows = random.Next(1, CompositeLayout.MaxPanels + 1);
        return (rows, random.Next(1, (CompositeLayout.MaxPanels / rows) + 1));
    }

    public static Scene Scene(Random random) => new(Text(random))
    {
        Setting = random.Next(2) == 0 ? Text(random, 4) : null,
        TimeOfDay = random.Next(2) == 0 ? Text(random, 2) : null,
        Framing = random.Next(3) == 0 ? Text(random, 3) : null,
    };

    public static IdentityLock IdentityLock(Random random)
    {
        IdentityLock[] presets = [Pikumo.ImageGen.Specs.IdentityLock.Production, Pikumo.ImageGen.Specs.IdentityLock.FaceAndHair, Pikumo.ImageGen.Specs.IdentityLock.Likeness];
        var preset = presets[random.Next(presets.Length)];
        var builder = preset.ToBuilder();
        for (var i = random.Next(4); i > 0; i--)
        {
            _ = random.Next(3) switch
            {
                0 => builder.MatchExactly(Text(random, 2), Text(random)),
                1 => builder.DoNotMatch(Text(random, 2), random.Next(2) == 0 ? null : Text(random)),
                _ => builder.Describe(preset.MatchExactly[random.Next(preset.MatchExactly.Count)].Name, Text(random)),
            };
        }

        return builder.Build();
    }

    public static ImageStyle? Style(Random random) => random.Next(3) switch
    {
        0 => null,
        1 => ImageStyle.Presets[random.Next(ImageStyle.Presets.Count)],
        _ => new ImageStyle(Text(random, 3), Text(random)) { Avoid = random.Next(2) == 0 ? Text(random) : null },
    };

    /// <summary>A valid spec and what went into it.</summary>
    public static Generated Spec(int seed)
    {
        var random = new Random(seed);
        var builder = new PromptSpecBuilder();
        var subjects = new List<(string Name, int References, WardrobePin? Wardrobe, IdentityLock Lock)>();
        for (var i = random.Next(4); i > 0; i--)
        {
            var name = $"{Text(random, 2)} #{subjects.Count}";
            var wardrobe = random.Next(2) == 0 ? new WardrobePin(Text(random)) : null;
            var identity = IdentityLock(random);
            var references = random.Next(1, 4);
            builder.AddSubject(name, identity, wardrobe, references);
            subjects.Add((name, references, wardrobe, identity));
        }

        var continuity = random.Next(3);
        for (var i = 0; i < continuity; i++)
        {
            builder.AddContinuityReference(random.Next(2) == 0 ? null : Text(random));
        }

        builder.WithStyle(Style(random));
        for (var i = random.Next(4); i > 0; i--)
        {
            builder.AddConstraint(Text(random));
        }

        if (random.Next(3) == 0)
        {
            var scene = Scene(random);
            return new Generated(builder.WithScene(scene).Build(), subjects, continuity, null, [scene]);
        }

        var (rows, columns) = Grid(random);
        var canvas = ValidCanvases[random.Next(ValidCanvases.Length)];
        var layout = new CompositeLayoutBuilder(rows, columns, canvas).WithGutter(random.Next(3) == 0 ? random.Next(1, 33) : 0);
        var beats = Enumerable.Range(0, rows * columns).Select(_ => Scene(random)).ToList();
        foreach (var beat in beats)
        {
            layout.AddBeat(beat);
        }

        return new Generated(builder.WithLayout(layout.Build()).Build(), subjects, continuity, (rows, columns, canvas), beats);
    }

    internal sealed record Generated(
        PromptSpec Spec,
        List<(string Name, int References, WardrobePin? Wardrobe, IdentityLock Lock)> Subjects,
        int ContinuityReferences,
        (int Rows, int Columns, ImageSize Canvas)? Grid,
        List<Scene> Beats);
}
