using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Pikumo.ImageGen.Testing.Imaging;

/// <summary>
/// How well a simulated image keeps its subjects' identity, written into the PNG when
/// <see cref="SimulatorOptions.DriftShare"/> is above 0: a <c>tEXt</c> chunk with the keyword <see cref="Keyword"/> and
/// the text <c>score=0.912;drift=false</c>. It stands in for what a face-similarity service would measure, so tests and
/// samples can show judges, re-rolls and best-of-n offline (<see cref="SimulatorIdentityJudge"/> reads it).
/// </summary>
public static class SimulatedIdentity
{
    /// <summary>The <c>tEXt</c> keyword.</summary>
    public const string Keyword = "pikumo:identity";

    /// <summary>The colour of the band the simulator draws across the top of a drifted image or panel.</summary>
    internal static readonly Rgb DriftBand = new(200, 40, 40);

    /// <summary>Reads the identity score of a simulated image.</summary>
    /// <param name="png">The image.</param>
    /// <param name="score">The similarity to the subjects' references, 0–1 (drifted images score under 0.6).</param>
    /// <param name="drifted">Whether the simulator made this image drift.</param>
    /// <returns>Whether the image carries the chunk.</returns>
    public static bool TryRead(ReadOnlySpan<byte> png, out double score, out bool drifted)
    {
        score = 0;
        drifted = false;
        if (!png.StartsWith(PngChunks.Signature))
        {
            return false;
        }

        var keyword = Encoding.Latin1.GetBytes(Keyword + "\0");
        for (var chunks = new PngChunks.Reader(png); chunks.MoveNext();)
        {
            if (chunks.Type.SequenceEqual("tEXt"u8) && chunks.Data.StartsWith(keyword))
            {
                foreach (var part in Encoding.Latin1.GetString(chunks.Data[keyword.Length..]).Split(';'))
                {
                    var pair = part.Split('=', 2);
                    if (pair is ["score", var s])
                    {
                        score = double.Parse(s, CultureInfo.InvariantCulture);
                    }
                    else if (pair is ["drift", var d])
                    {
                        drifted = d == "true";
                    }
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether an image shows the simulator's drift band across its top: for images whose score chunk did not survive,
    /// such as panels cut from a composite and encoded again. Looks at a row inside the band's height (a twelfth of the
    /// image, at least 8 px), below a grid line the cut may have kept, and finds the band when most of it is the band's
    /// colour (the band's white text covers the rest).
    /// </summary>
    /// <param name="png">The image.</param>
    /// <param name="drifted">Whether the band is there.</param>
    /// <returns>Whether the image could be read (an 8-bit, non-interlaced PNG).</returns>
    public static bool TryReadBand(ReadOnlySpan<byte> png, out bool drifted)
    {
        drifted = false;
        if (png.Length < 26 || !png.StartsWith(PngChunks.Signature))
        {
            return false;
        }

        var height = BinaryPrimitives.ReadInt32BigEndian(png[20..]);
        var band = Math.Max(8, height / 12);
        var (inside, below) = ((band * 2) / 3, band + (band / 2));
        if (below >= height || PngRows.Read(png, below + 1) is not { } image)
        {
            return false;
        }

        // The band's colour over most of a row inside it, and not below it (a picture that is red all over is no band).
        drifted = BandShare(image.Rows[inside], image.Width) > 0.5 && BandShare(image.Rows[below], image.Width) < 0.5;
        return true;
    }

    private static double BandShare(byte[] rgb, int width)
    {
        var matching = 0;
        for (var x = 0; x < width; x++)
        {
            var (r, g, b) = (rgb[x * 3], rgb[(x * 3) + 1], rgb[(x * 3) + 2]);
            matching += Math.Abs(r - DriftBand.R) + Math.Abs(g - DriftBand.G) + Math.Abs(b - DriftBand.B) < 48 ? 1 : 0;
        }

        return (double)matching / width;
    }

    /// <summary>Returns a copy of a PNG with the chunk right after <c>IHDR</c>.</summary>
    internal static byte[] Add(ReadOnlySpan<byte> png, double score, bool drifted) =>
        PngChunks.InsertAfterHeader(png, "tEXt"u8, Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Keyword}\0score={score:0.000};drift={(drifted ? "true" : "false")}")));
}
