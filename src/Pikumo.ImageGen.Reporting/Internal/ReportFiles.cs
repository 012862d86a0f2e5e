using System.Text;

namespace Pikumo.ImageGen.Reporting.Internal;

/// <summary>Files beside a page: atomic writes, links relative to the page, and pixel sizes read from headers.</summary>
internal static class ReportFiles
{
    private const int ProbeBytes = 64 * 1024;

    public static Task WriteTextAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteBytesAsync(path, Encoding.UTF8.GetBytes(text), cancellationToken);

    /// <summary>Writes a temporary file in the same folder, flushes it, and renames it into place.</summary>
    public static async Task WriteBytesAsync(string path, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// A link to a file relative to the page: each segment percent-encoded, so no file name can become a scheme, a
    /// query or markup. <see langword="null"/> for a path that is rooted or climbs out of the folder.
    /// </summary>
    public static string? Link(string? relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative))
        {
            return null;
        }

        var segments = relative.Split('/', '\\');
        return segments.Any(s => s is "" or "." or "..") ? null : string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    /// <summary>Whether a file relative to a folder exists, and its pixel size from its header.</summary>
    public static (bool Exists, int Width, int Height) Probe(string folder, string? relative)
    {
        if (Link(relative) is null)
        {
            return (false, 0, 0);
        }

        var path = Path.Combine(folder, relative!);
        if (!File.Exists(path))
        {
            return (false, 0, 0);
        }

        using var stream = File.OpenRead(path);
        var buffer = new byte[(int)Math.Min(ProbeBytes, stream.Length)];
        stream.ReadExactly(buffer);
        return ImageHeader.TryRead(buffer, out var header) && header.HasSize ? (true, header.Width, header.Height) : (true, 0, 0);
    }
}
