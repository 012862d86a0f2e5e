using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Privacy;

/// <summary>
/// Deletes a story kept in a local run folder (the <see cref="SequenceRunOptions.OutputDirectory"/> of its runs).
/// It knows the folder's layout: <c>manifest.json</c> and any manifest or journal file beside it, every file the
/// manifest lists, <c>preview/composite-*</c>, <c>preview/frame-*</c>, <c>final/frame-*</c>,
/// <c>references/reference-*</c>, and the <c>.*.tmp</c> files an interrupted atomic write leaves. The manifest goes
/// first, so a deletion stopped half-way never leaves a manifest that points at missing frames; empty folders go
/// last, the run's folder with them.
/// </summary>
/// <remarks>
/// Deleting is a file-system delete: it does not overwrite the bytes, and copies outside the folder (backups, a
/// provider's own retention, files the app copied elsewhere) are the app's to handle; see <c>docs/privacy.md</c>.
/// </remarks>
public sealed class FolderStoryDeleter : IStoryDeleter
{
    private static readonly string[] LibraryFolders = ["preview", "final", "references"];
    private static readonly string[] LibraryFilePrefixes = ["composite-", "frame-", "reference-"];

    /// <summary>A shared instance (the type has no state).</summary>
    public static FolderStoryDeleter Instance { get; } = new();

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="story"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="includeOtherFiles"/> is on but the folder has no manifest and no file of the library's layout,
    /// so it does not look like a run's folder (a guard against deleting, say, a home folder).
    /// </exception>
    public Task<StoryDeletion> DeleteStoryAsync(string story, bool includeOtherFiles = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(story);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(story));
        if (!Directory.Exists(root))
        {
            return Task.FromResult(new StoryDeletion { Story = story, Complete = !File.Exists(root) });
        }

        var files = new List<string>();
        var folders = new List<string>();
        Walk(root, files, folders);
        var listed = ListedFiles(root);
        var ours = files.Where(f => IsLibraryFile(root, f, listed)).ToList();
        if (includeOtherFiles && ours.Count == 0 && files.Count > 0)
        {
            throw new InvalidOperationException(
                $"'{story}' has no {SequenceManifest.FileName} and no file of a run's layout, so it does not look like a story's folder; nothing was deleted.");
        }

        var doomed = includeOtherFiles ? files : ours;

        // The manifest first, then journal and report files, the frames they point at, temporary files, and the folder lock last.
        var ordered = doomed.OrderBy(f => Rank(root, f)).ThenBy(f => f, StringComparer.Ordinal).ToList();
        var deleted = new List<string>();
        var kept = files.Except(doomed).Select(f => Relative(root, f)).ToList();
        foreach (var file in ordered)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryDelete(() => File.Delete(file)))
            {
                deleted.Add(Relative(root, file));
            }
            else
            {
                kept.Add(Relative(root, file));
            }
        }

        // Deepest folders first; a folder that still holds a kept file stays.
        foreach (var folder in folders.OrderByDescending(f => f.Length).Append(root))
        {
            if (IsEmpty(folder) && TryDelete(() => Directory.Delete(folder)))
            {
                deleted.Add(folder == root ? "." : Relative(root, folder) + "/");
            }
        }

        return Task.FromResult(new StoryDeletion { Story = story, Deleted = deleted, Kept = kept, Complete = !Directory.Exists(root) });
    }

    /// <summary>Every file and folder under the root; symbolic links are listed as files (the link goes, never its target).</summary>
    private static void Walk(string folder, List<string> files, List<string> folders)
    {
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", options))
        {
            if (entry is DirectoryInfo directory && directory.LinkTarget is null)
            {
                folders.Add(directory.FullName);
                Walk(directory.FullName, files, folders);
            }
            else
            {
                files.Add(entry.FullName);
            }
        }
    }

    /// <summary>The files the manifest records, as full paths inside the root (entries pointing outside it are ignored).</summary>
    private static HashSet<string> ListedFiles(string root)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        SequenceManifest? manifest;
        try
        {
            manifest = SequenceManifest.LoadAsync(root).GetAwaiter().GetResult();
        }
        catch (InvalidDataException)
        {
            return listed;
        }

        // A hand-edited or partial manifest may lack a list: read what is there.
        IEnumerable<SequenceManifestEntry>?[] lists = [manifest?.References, manifest?.Composites, manifest?.Frames];
        foreach (var entry in lists.SelectMany(list => list ?? []))
        {
            if (entry.File is { } file && Path.GetFullPath(Path.Combine(root, file)) is var full && full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                listed.Add(full);
            }
        }

        return listed;
    }

    private static bool IsLibraryFile(string root, string file, HashSet<string> listed)
    {
        if (listed.Contains(file) || IsManifest(root, file) || IsTemporary(file))
        {
            return true;
        }

        var parent = Path.GetDirectoryName(file)!;
        var name = Path.GetFileName(file);
        return Path.GetDirectoryName(parent) == root
            && LibraryFolders.Contains(Path.GetFileName(parent), StringComparer.Ordinal)
            && LibraryFilePrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }

    private static int Rank(string root, string file) => Path.GetFileName(file) switch
    {
        SequenceManifest.FileName when Path.GetDirectoryName(file) == root => 0,
        ".sequence.lock" => 4,
        _ when IsManifest(root, file) => 1,
        _ when IsTemporary(file) => 3,
        _ => 2,
    };

    /// <summary>
    /// <c>manifest.json</c>, and manifest or journal files beside it (<c>manifest.*</c>, <c>journal*</c>), the runner's
    /// folder lock (<c>.sequence.lock</c>) and the run report the Reporting package writes (<c>report.json</c>, <c>report.html</c>).
    /// </summary>
    private static bool IsManifest(string root, string file)
    {
        var name = Path.GetFileName(file);
        return Path.GetDirectoryName(file) == root
            && (name is SequenceManifest.FileName or ".sequence.lock" or "report.json" or "report.html"
                || name.StartsWith("manifest.", StringComparison.Ordinal) || name.StartsWith("journal", StringComparison.Ordinal));
    }

    /// <summary>A temporary file of an atomic write (<c>.{name}.{guid}.tmp</c>) or any other <c>*.tmp</c>.</summary>
    private static bool IsTemporary(string file) => file.EndsWith(".tmp", StringComparison.Ordinal);

    private static bool IsEmpty(string folder) => Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }).Any();

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static bool TryDelete(Action delete)
    {
        try
        {
            delete();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
