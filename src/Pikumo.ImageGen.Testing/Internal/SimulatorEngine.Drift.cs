using Pikumo.ImageGen.Testing.Imaging;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>
/// Identity drift on request (<see cref="SimulatorOptions.DriftShare"/>): each image gets an identity score, and a share
/// of them drift (a low score and a red band). Whether an image drifts depends on the seed, the request, how many times
/// the same request was made before and the variant, so a re-roll of a drifted frame gets a fresh chance and fresh pixels.
/// </summary>
internal sealed partial class SimulatorEngine
{
    private readonly Dictionary<string, List<int>> _repeats = new(StringComparer.Ordinal);
    private readonly Lock _repeatLock = new();

    /// <summary>The identity of an image, or <see langword="null"/> when drift is off.</summary>
    private (double Score, bool Drifted, int RenderVariant)? Identity(ImageJob job, int variant, RecordedRequest record)
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
        var draw = (hash >> 11) * (1.0 / (1UL << 53));
        var spread = (Mix(hash, 7UL) >> 11) * (1.0 / (1UL << 53));
        var drifted = draw < Math.Min(1, Options.DriftShare);
        var score = drifted ? 0.25 + (0.3 * spread) : 0.75 + (0.24 * spread);
        return (Math.Round(score, 3), drifted, variant + (repeat * 16));
    }

    /// <summary>Marks an image's identity: the score chunk, and a red band across a drifted image's top.</summary>
    private static byte[] WithIdentity(Raster raster, (double Score, bool Drifted, int RenderVariant) identity)
    {
        if (identity.Drifted)
        {
            var band = Math.Max(8, raster.Height / 12);
            raster.Fill(0, 0, raster.Width, band, new Rgb(200, 40, 40));
            var scale = Math.Max(1, band / (BitmapFont.LineHeight + 2));
            raster.Text(band / 4, (band - (BitmapFont.LineHeight * scale)) / 2, "IDENTITY DRIFT", scale, new Rgb(255, 255, 255));
        }

        return SimulatedIdentity.Add(ImageFactory.Png(raster, block: 1), identity.Score, identity.Drifted);
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
