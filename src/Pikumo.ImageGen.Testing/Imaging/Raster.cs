namespace Pikumo.ImageGen.Testing.Imaging;

/// <summary>An 8-bit RGB pixel buffer with the few drawing operations the simulator needs.</summary>
internal sealed class Raster
{
    public Raster(int width, int height)
    {
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 3)];
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    /// <summary>Fills a rectangle (clipped to the raster) with a colour.</summary>
    public void Fill(int x, int y, int width, int height, Rgb color)
    {
        var x0 = Math.Max(0, x);
        var y0 = Math.Max(0, y);
        var x1 = Math.Min(Width, x + width);
        var y1 = Math.Min(Height, y + height);
        if (x0 >= x1 || y0 >= y1)
        {
            return;
        }

        var first = Pixels.AsSpan(((y0 * Width) + x0) * 3, (x1 - x0) * 3);
        for (var i = 0; i < first.Length; i += 3)
        {
            first[i] = color.R;
            first[i + 1] = color.G;
            first[i + 2] = color.B;
        }

        for (var row = y0 + 1; row < y1; row++)
        {
            first.CopyTo(Pixels.AsSpan(((row * Width) + x0) * 3));
        }
    }

    /// <summary>Fills a rectangle with a vertical gradient from <paramref name="top"/> to <paramref name="bottom"/>.</summary>
    public void Gradient(int x, int y, int width, int height, Rgb top, Rgb bottom)
    {
        for (var row = 0; row < height; row++)
        {
            var t = height <= 1 ? 0 : (double)row / (height - 1);
            Fill(x, y + row, width, 1, Rgb.Lerp(top, bottom, t));
        }
    }

    /// <summary>Draws one line of text with the top-left corner at (x, y), each font pixel <paramref name="scale"/>² pixels.</summary>
    public void Text(int x, int y, string text, int scale, Rgb color)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var glyph = BitmapFont.Glyph(text[i]);
            var gx = x + (i * BitmapFont.Advance * scale);
            var gy = y + (BitmapFont.Descends(text[i]) ? 2 * scale : 0);
            if (gx >= Width)
            {
                return;
            }

            for (var row = 0; row < BitmapFont.GlyphHeight; row++)
            {
                for (var col = 0; col < BitmapFont.GlyphWidth; col++)
                {
                    if ((glyph[row] & (0x10 >> col)) != 0)
                    {
                        Fill(gx + (col * scale), gy + (row * scale), scale, scale, color);
                    }
                }
            }
        }
    }

    /// <summary>A copy coarsened into blocks of <paramref name="block"/>² pixels (the look of an early partial image).</summary>
    public byte[] Pixelated(int block)
    {
        var copy = (byte[])Pixels.Clone();
        if (block <= 1)
        {
            return copy;
        }

        for (var by = 0; by < Height; by += block)
        {
            for (var bx = 0; bx < Width; bx += block)
            {
                var source = ((Math.Min(Height - 1, by + (block / 2)) * Width) + Math.Min(Width - 1, bx + (block / 2))) * 3;
                for (var y = by; y < Math.Min(Height, by + block); y++)
                {
                    for (var x = bx; x < Math.Min(Width, bx + block); x++)
                    {
                        var target = ((y * Width) + x) * 3;
                        copy[target] = Pixels[source];
                        copy[target + 1] = Pixels[source + 1];
                        copy[target + 2] = Pixels[source + 2];
                    }
                }
            }
        }

        return copy;
    }
}

/// <summary>An RGB colour.</summary>
internal readonly record struct Rgb(byte R, byte G, byte B)
{
    public static Rgb Lerp(Rgb a, Rgb b, double t) => new(Mix(a.R, b.R, t), Mix(a.G, b.G, t), Mix(a.B, b.B, t));

    /// <summary>A colour from hue (0–360), saturation and lightness (0–1).</summary>
    public static Rgb FromHsl(double hue, double saturation, double lightness)
    {
        var c = (1 - Math.Abs((2 * lightness) - 1)) * saturation;
        var h = (hue % 360) / 60.0;
        var x = c * (1 - Math.Abs((h % 2) - 1));
        var (r, g, b) = h switch
        {
            < 1 => (c, x, 0.0),
            < 2 => (x, c, 0.0),
            < 3 => (0.0, c, x),
            < 4 => (0.0, x, c),
            < 5 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        var m = lightness - (c / 2);
        return new Rgb(ToByte(r + m), ToByte(g + m), ToByte(b + m));
    }

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + ((b - a) * t));

    private static byte ToByte(double v) => (byte)Math.Clamp(Math.Round(v * 255), 0, 255);
}
