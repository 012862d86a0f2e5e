using System.Text;

namespace Pikumo.ImageGen.Testing.Imaging;

/// <summary>
/// Draws what the simulator returns: the prompt's panels as a grid (one cell for a single scene or plain text),
/// each on its own pastel gradient, labelled with its name and beat in <see cref="BitmapFont"/>, with thin grid
/// lines and a footer. Everything is derived from the seed and the request, so the same input gives the same pixels.
/// </summary>
internal static class SceneRenderer
{
    private static readonly Rgb Ink = new(34, 38, 52);
    private static readonly Rgb GridLine = new(58, 62, 78);

    public static Raster Render(int width, int height, PromptLayout layout, ulong seed, int variant, string footer)
    {
        var raster = new Raster(width, height);
        var line = Math.Max(2, Math.Min(width, height) / 256);
        var footerScale = Math.Max(1, width / 640);
        var footerHeight = (BitmapFont.LineHeight * footerScale) + (2 * line);
        for (var row = 0; row < layout.Rows; row++)
        {
            for (var column = 0; column < layout.Columns; column++)
            {
                var index = (row * layout.Columns) + column;
                var x0 = column * width / layout.Columns;
                var x1 = (column + 1) * width / layout.Columns;
                var y0 = row * height / layout.Rows;
                var y1 = (row + 1) * height / layout.Rows;
                var bottomReserve = row == layout.Rows - 1 ? footerHeight : 0;
                DrawPanel(raster, x0, y0, x1 - x0, y1 - y0, bottomReserve, layout.Panels[index], layout.IsComposite, Hash(seed, variant, index, layout.Panels[index]));
            }
        }

        for (var column = 1; column < layout.Columns; column++)
        {
            raster.Fill((column * width / layout.Columns) - (line / 2), 0, line, height, GridLine);
        }

        for (var row = 1; row < layout.Rows; row++)
        {
            raster.Fill(0, (row * height / layout.Rows) - (line / 2), width, line, GridLine);
        }

        raster.Fill(0, 0, width, line, GridLine);
        raster.Fill(0, height - line, width, line, GridLine);
        raster.Fill(0, 0, line, height, GridLine);
        raster.Fill(width - line, 0, line, height, GridLine);
        raster.Text(2 * line, height - footerHeight + line, footer, footerScale, GridLine);
        return raster;
    }

    private static void DrawPanel(Raster raster, int x, int y, int width, int height, int bottomReserve, PromptPanel panel, bool composite, ulong hash)
    {
        var hue = hash % 360;
        raster.Gradient(x, y, width, height, Rgb.FromHsl(hue, 0.6, 0.88), Rgb.FromHsl((hue + 25) % 360, 0.5, 0.76));
        var margin = Math.Max(4, width / 24);
        var usable = width - (2 * margin);
        if (usable < BitmapFont.Advance)
        {
            return;
        }

        var top = y + margin;
        var bottom = y + height - margin - bottomReserve;
        if (panel.Name.Length > 0)
        {
            var nameScale = Math.Clamp(usable / (BitmapFont.Advance * Math.Max(10, panel.Name.Length)), 1, 8);
            if (top + (BitmapFont.LineHeight * nameScale) <= bottom)
            {
                raster.Text(x + margin, top, panel.Name, nameScale, Ink);
                top += BitmapFont.LineHeight * nameScale;
                raster.Fill(x + margin, top, Math.Min(usable, panel.Name.Length * BitmapFont.Advance * nameScale), Math.Max(1, nameScale / 2), Ink);
                top += nameScale + margin;
            }
        }

        var beatScale = Math.Clamp(usable / (BitmapFont.Advance * (composite ? 20 : 32)), 1, 6);
        foreach (var text in Wrap(panel.Beat, usable / (BitmapFont.Advance * beatScale)))
        {
            if (top + (BitmapFont.LineHeight * beatScale) > bottom)
            {
                break;
            }

            raster.Text(x + margin, top, text, beatScale, Ink);
            top += BitmapFont.LineHeight * beatScale;
        }
    }

    /// <summary>Word-wraps text to lines of at most <paramref name="width"/> characters, splitting words that are longer.</summary>
    internal static IEnumerable<string> Wrap(string text, int width)
    {
        width = Math.Max(1, width);
        var current = new StringBuilder();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            while (rest.Length > 0)
            {
                var room = current.Length == 0 ? width : width - current.Length - 1;
                if (rest.Length <= room)
                {
                    current.Append(current.Length == 0 ? string.Empty : " ").Append(rest);
                    rest = string.Empty;
                }
                else if (current.Length > 0)
                {
                    yield return current.ToString();
                    current.Clear();
                }
                else
                {
                    yield return rest[..width];
                    rest = rest[width..];
                }
            }
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    /// <summary>A stable 64-bit FNV-1a hash of the seed, variant, panel index, name and beat (not <see cref="string.GetHashCode()"/>, which changes per process).</summary>
    private static ulong Hash(ulong seed, int variant, int index, PromptPanel panel)
    {
        var hash = 14695981039346656037UL;
        Mix(ref hash, seed);
        Mix(ref hash, (ulong)variant);
        Mix(ref hash, (ulong)index);
        foreach (var c in panel.Name)
        {
            Mix(ref hash, c);
        }

        foreach (var c in panel.Beat)
        {
            Mix(ref hash, c);
        }

        return hash ^ (hash >> 29);

        static void Mix(ref ulong hash, ulong value)
        {
            for (var i = 0; i < 8; i++)
            {
                hash ^= (value >> (i * 8)) & 0xFF;
                hash *= 1099511628211UL;
            }
        }
    }
}
