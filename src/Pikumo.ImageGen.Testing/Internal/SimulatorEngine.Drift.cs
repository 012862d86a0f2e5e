using Pikumo.ImageGen.Testing.Imaging;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>
/// Identity drift on request (<see cref="SimulatorOptions.DriftShare"/>): each image gets an identity score, and a share
/// of them drift (a low score and a red band). Whether an image drifts depends on the seed, the request, how many times
/// the same request was made before and the variant, so a re-roll of a drifted frame gets a fresh chance and fresh pixels.
/// In a composite each panel drifts on its own draw and gets its own band across its top, so a judge of the cut panels
/// (<see cref="SimulatorIdentityJudge"/> reads the band when the score chunk did not survive slicing) finds which ones.
/// </summary>
internal sealed partial class SimulatorEngine
{
    private readonly Dictionary<string, List<int>> _repeats = new(StringComparer.Ordinal);
    private readonly Lock _repeatLock = new();

    /// <summary>The identity of an image (and of each panel of a composite), or <see langword="null"/> when drift is off.</summary>
    private (double Score, bool Drifted, int RenderVariant, bool[]? Panels)? Identity(ImageJob job, int variant, RecordedRequest record)
    {
        if (Options.DriftShare <= 0)
        {
            return null;
        }

        int repeat;
        lock (_repeatLock)
        {
            var key = $"{job.Operation}|{job.Model}|{job.SizeText}|{job.References.Count}|{job.Prompt}";
            if (!_repeats.TryGetValue(key, out var seen))
            {
                _repeats[key] = seen = [];
            }

            repeat = seen.IndexOf(record.Index);
            if (repeat < 0)
            {
                seen.Add(record.Index);
                repeat = seen.Count - 1;
            }
        }

        var hash = Mix(Mix(Mix(Seed, job.Prompt), (ulong)repeat), (ulong)variant);
        if (!job.Layout.IsComposite)
        {
            var (score, drifted) = Draw(hash);
            return (score, drifted, variant + (repeat * 16), null);
        }

        // A composite: a draw per panel; the image scores as its worst panel and drifts when any panel does.
        var panels = Enumerable.Range(0, job.Layout.Rows * job.Layout.Columns).Select(p => Draw(Mix(hash, 1000UL + (ulong)p))).ToArray();
        return (panels.Min(p => p.Score), panels.Any(p => p.Drifted), variant + (repeat * 16), [.. panels.Select(p => p.Drifted)]);
    }

    private (double Score, bool Drifted) Draw(ulong hash)
    {
        var draw = (hash >> 11) * (1.0 / (1UL << 53));
        var spread = (Mix(hash, 7UL) >> 11) * (1.0 / (1UL << 53));
        var drifted = draw < Math.Min(1, Options.DriftShare);
        return (Math.Round(drifted ? 0.25 + (0.3 * spread) : 0.75 + (0.24 * spread), 3), drifted);
    }

    /// <summary>Marks an image's identity: the score chunk, and a red band across the top of a drifted image (or of each drifted panel).</summary>
    private static byte[] WithIdentity(Raster raster, PromptLayout layout, (double Score, bool Drifted, int RenderVariant, bool[]? Panels) identity)
    {
        if (identity.Panels is { } panels)
        {
            for (var i = 0; i < panels.Length; i++)
            {
                if (panels[i])
                {
                    var (row, column) = (i / layout.Columns, i % layout.Columns);
                    var x0 = column * raster.Width / layout.Columns;
                    var y0 = row * raster.Height / layout.Rows;
                    Band(raster, x0, y0, ((column + 1) * raster.Width / layout.Columns) - x0, ((row + 1) * raster.Height / layout.Rows) - y0);
                }
            }
        }
        else if (identity.Drifted)
        {
            Band(raster, 0, 0, raster.Width, raster.Height);
        }

        return SimulatedIdentity.Add(ImageFactory.Png(raster, block: 1), identity.Score, identity.Drifted);
    }

    private static void Band(Raster raster, int x, int y, int width, int height)
    {
        var band = Math.Max(8, height / 12);
        raster.Fill(x, y, width, band, SimulatedIdentity.DriftBand);
        var scale = Math.Max(1, band / (BitmapFont.LineHeight + 2));
        raster.Text(x + (band / 4), y + ((band - (BitmapFont.LineHeight * scale)) / 2), "IDENTITY DRIFT", scale, new Rgb(255, 255, 255));
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (var c in text)
        {
            hash = Mix(hash, c);
        }

        return hash;
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        hash ^= value + 0x9E3779B97F4A7C15UL + (hash << 6) + (hash >> 2);
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDUL;
        return hash ^ (hash >> 33);
    }
}
