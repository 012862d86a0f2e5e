using Azure;
using Azure.Storage.Blobs.Models;
using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Storage.Blobs;

/// <content>Deleting a story: every blob under its prefix (snapshots and uncommitted blocks with them), the journal first.</content>
public sealed partial class BlobSequenceStore
{
    private static readonly string[] LibraryFolders = ["preview/", "final/", "references/"];

    /// <inheritdoc />
    /// <remarks>
    /// Without <paramref name="includeOtherFiles"/>, blobs the library did not write (outside <c>manifest.*</c>,
    /// <c>journal*</c>, <c>report.*</c> and the <c>preview/</c>, <c>final/</c>, <c>references/</c> folders) are kept and listed.
    /// Blob soft delete or versioning, when the account has them on, keep deleted data for their retention period: see <c>docs/privacy.md</c>.
    /// </remarks>
    /// <exception cref="SequenceStoreException">Blob storage could not be reached; what was deleted stays deleted, call again to finish.</exception>
    public async Task<StoryDeletion> DeleteStoryAsync(string story, bool includeOtherFiles = false, CancellationToken cancellationToken = default)
    {
        var prefix = PrefixOf(story);
        var blobs = await ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        var doomed = blobs.Where(b => includeOtherFiles || IsLibraryBlob(b[prefix.Length..])).ToList();
        var kept = blobs.Except(doomed).Select(b => b[prefix.Length..]).ToList();
        var deleted = new List<string>();
        foreach (var blob in doomed.OrderBy(b => b[prefix.Length..] == SequenceRunManifest.FileName ? 0 : 1).ThenBy(b => b, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await Guard(() => _container.GetBlobClient(blob).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken), _container.Uri + "/" + prefix).ConfigureAwait(false);
                deleted.Add(blob[prefix.Length..]);
            }
            catch (RequestFailedException)
            {
                kept.Add(blob[prefix.Length..]);
            }
        }

        var left = await ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        return new StoryDeletion { Story = story, Deleted = deleted, Kept = kept, Complete = left.Count == 0 };
    }

    /// <summary>Every blob name under a prefix, uncommitted ones and snapshots included (each name once).</summary>
    internal async Task<List<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var exists = await Guard(() => _container.ExistsAsync(cancellationToken), _container.Uri.ToString()).ConfigureAwait(false);
        if (!exists.Value)
        {
            return names;
        }

        await Guard(async () =>
        {
            await foreach (var item in _container.GetBlobsAsync(BlobTraits.None, BlobStates.Uncommitted | BlobStates.Snapshots, prefix, cancellationToken).ConfigureAwait(false))
            {
                if (!names.Contains(item.Name, StringComparer.Ordinal))
                {
                    names.Add(item.Name);
                }
            }
        }, _container.Uri + "/" + prefix).ConfigureAwait(false);
        return names;
    }

    private static bool IsLibraryBlob(string relative) =>
        relative.StartsWith("manifest.", StringComparison.Ordinal) || relative.StartsWith("journal", StringComparison.Ordinal)
        || relative.StartsWith("report.", StringComparison.Ordinal) || relative.EndsWith(".tmp", StringComparison.Ordinal)
        || LibraryFolders.Any(f => relative.StartsWith(f, StringComparison.Ordinal) && !relative[f.Length..].Contains('/', StringComparison.Ordinal));
}
