using System.Globalization;
using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <content>Saving the images, without ever throwing a paid one away.</content>
public sealed partial class ImageResult
{
    /// <summary>How many numbered names (<c>coffee-0 (2).png</c> … ) are tried before giving up.</summary>
    private const int MaxFreeNameAttempts = 10_000;

    /// <summary>
    /// Writes every image into a folder as <c>{baseName}-{index}{extension}</c>, atomically (a temporary file renamed
    /// into place). A name that is taken is never replaced unless <paramref name="overwrite"/> says so: the image gets
    /// the next free name instead (<c>coffee-0 (2).png</c>, <c>coffee-0 (3).png</c>…), so running the same code twice
    /// keeps both runs' paid images.
    /// </summary>
    /// <param name="directory">The folder; created if needed.</param>
    /// <param name="baseName">A plain file name stem (no path separators, no <c>..</c>).</param>
    /// <param name="overwrite">Whether existing files are replaced; by default they are kept and the new image takes a free name.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The paths written, in image order.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> or <paramref name="baseName"/> is not usable; nothing was written.</exception>
    /// <exception cref="ImageResultSaveException">A write failed (disk full, no permission…); it carries this result, whose images are all still in memory, and the paths already written.</exception>
    public async Task<IReadOnlyList<string>> SaveAllAsync(string directory, string baseName = "image", bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        AtomicFile.SafeFileName(baseName, nameof(baseName));
        var paths = new List<string>(Images.Count);
        try
        {
            foreach (var image in Images)
            {
                var stem = string.Create(CultureInfo.InvariantCulture, $"{baseName}-{image.Index}");
                paths.Add(await SaveOneAsync(image, directory, stem, overwrite, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImageResultSaveException(
                $"Saved {paths.Count} of {Images.Count} image(s) to '{directory}' before a write failed: {ex.Message} The images are still on ImageResultSaveException.Result.",
                this,
                paths,
                ex);
        }

        return paths;
    }

    private static async Task<string> SaveOneAsync(GeneratedImage image, string directory, string stem, bool overwrite, CancellationToken cancellationToken)
    {
        var extension = image.FileExtension;
        var first = Path.GetFullPath(Path.Combine(directory, stem + extension));
        if (overwrite)
        {
            await image.SaveAsync(first, overwrite: true, cancellationToken).ConfigureAwait(false);
            return first;
        }

        for (var attempt = 1; attempt <= MaxFreeNameAttempts; attempt++)
        {
            var path = attempt == 1 ? first : Path.Combine(Path.GetDirectoryName(first)!, string.Create(CultureInfo.InvariantCulture, $"{stem} ({attempt}){extension}"));
            if (File.Exists(path))
            {
                continue;
            }

            try
            {
                await image.SaveAsync(path, overwrite: false, cancellationToken).ConfigureAwait(false);
                return path;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another writer took the name between the check and the rename: try the next one.
            }
        }

        throw new IOException($"No free file name for '{stem}{extension}' after {MaxFreeNameAttempts} tries in '{Path.GetDirectoryName(first)}'.");
    }
}
