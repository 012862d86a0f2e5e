using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Storage.Blobs;

/// <summary>
/// One story opened in a container. It remembers the ETag of every blob it read or wrote (or that the blob was absent),
/// and makes every write conditional on it, so the journal cannot be overwritten by a run that did not see the last write.
/// </summary>
internal sealed class BlobStoryStore(BlobContainerClient container, string prefix) : ISequenceStoryStore
{
    private static readonly ETag Absent = new("absent");
    private readonly ConcurrentDictionary<string, ETag> _seen = new(StringComparer.Ordinal);

    public string Location => container.Uri + "/" + prefix;

    public string PathOf(string relative) => Blob(relative).Uri.ToString();

    public async Task<byte[]?> ReadAsync(string relative, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await BlobSequenceStore.Guard(() => Blob(relative).DownloadContentAsync(cancellationToken), Location + relative).ConfigureAwait(false);
            _seen[relative] = content.Value.Details.ETag;
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            _seen[relative] = Absent;
            return null;
        }
    }

    public async Task WriteAsync(string relative, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var blob = Blob(relative);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(data.Span));
        var conditions = _seen.TryGetValue(relative, out var etag) && etag != Absent ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        try
        {
            await UploadAsync(blob, data, conditions, sha256, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (BlobSequenceStore.IsConflict(ex))
        {
            // The blob changed since this run saw it. Ours already (a retried upload whose first answer was lost)? Done.
            var current = await BlobSequenceStore.Guard(() => blob.GetPropertiesAsync(cancellationToken: cancellationToken), Location + relative).ConfigureAwait(false);
            if (current.Value.Metadata.TryGetValue("sha256", out var stored) && stored == sha256)
            {
                _seen[relative] = current.Value.ETag;
                return;
            }

            if (relative == SequenceRunManifest.FileName)
            {
                throw new SequenceJournalConflictException(
                    $"Another sequence run wrote the journal of '{Location}' since this run read it: one run per story at a time, or the journal could pay twice. This run stops before its next call.", ex)
                {
                    Location = Location,
                };
            }

            // A file the journal does not count as done (a frame made again): replace exactly the version seen now.
            await UploadAsync(blob, data, new BlobRequestConditions { IfMatch = current.Value.ETag }, sha256, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<byte[]?> AdoptTemporaryAsync(string relative, Func<byte[], bool> accept, CancellationToken cancellationToken = default) =>
        Task.FromResult<byte[]?>(null); // an upload commits whole or not at all: nothing half-written to adopt

    public Task<int> DeleteTemporaryAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task UploadAsync(BlobClient blob, ReadOnlyMemory<byte> data, BlobRequestConditions conditions, string sha256, CancellationToken cancellationToken)
    {
        var contentType = ImageHeader.TryRead(data.Span[..Math.Min(data.Length, 64)], out var header) ? header.Format.MediaType : "application/json";
        var info = await BlobSequenceStore.Guard(
            () => blob.UploadAsync(BinaryData.FromBytes(data), BlobSequenceStore.UploadOptions(conditions, sha256, contentType), cancellationToken),
            blob.Uri.ToString()).ConfigureAwait(false);
        _seen[blob.Name[prefix.Length..]] = info.Value.ETag;
    }

    private BlobClient Blob(string relative) => container.GetBlobClient(prefix + relative.Replace('\\', '/'));
}
