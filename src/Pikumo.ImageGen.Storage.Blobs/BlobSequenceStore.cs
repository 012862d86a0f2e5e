using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Storage.Blobs;

/// <summary>
/// Stories in an Azure Blob Storage container: a story is a prefix (<c>{story}/manifest.json</c>,
/// <c>{story}/final/frame-001.png</c>…). It keeps the folder's guarantees with blob semantics instead of renames:
/// every upload is committed in one step (a reader sees the old blob or the new one, never half), every write is
/// conditional on the ETag this run last saw (<c>If-Match</c>) or on there being none (<c>If-None-Match: *</c>), so a
/// second run writing the same story's journal is refused before it can make a paid call, and the provider's bytes are
/// stored as they are (provenance metadata survives) with their SHA-256 as blob metadata. It also deletes a story
/// (<see cref="IStoryDeleter"/>): every blob under its prefix, the journal first.
/// </summary>
public sealed partial class BlobSequenceStore : ISequenceStore, IStoryDeleter
{
    private readonly BlobContainerClient _container;
    private readonly BlobSequenceStoreOptions _options;

    /// <summary>Creates a store on a container.</summary>
    /// <param name="container">The container (from a <see cref="BlobServiceClient"/> with the app's credentials and retry options).</param>
    /// <param name="options">How the container is used; the defaults when <see langword="null"/>.</param>
    public BlobSequenceStore(BlobContainerClient container, BlobSequenceStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _options = options ?? new BlobSequenceStoreOptions();
    }

    /// <summary>The container.</summary>
    public BlobContainerClient Container => _container;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="story"/> is empty, starts with <c>/</c> or has a <c>.</c> or <c>..</c> segment.</exception>
    public async Task<ISequenceStoryStore> OpenAsync(string story, CancellationToken cancellationToken = default)
    {
        var prefix = PrefixOf(story);
        if (_options.CreateContainer)
        {
            await Guard(() => _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken), _container.Uri.ToString()).ConfigureAwait(false);
        }

        return new BlobStoryStore(_container, prefix);
    }

    /// <summary>The blob prefix of a story (ends with <c>/</c>).</summary>
    /// <param name="story">The story's name.</param>
    /// <returns>The prefix, after <see cref="BlobSequenceStoreOptions.Prefix"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="story"/> is not a plain relative name.</exception>
    public string PrefixOf(string story)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(story);
        var trimmed = story.Replace('\\', '/').TrimEnd('/');
        if (trimmed.Length == 0 || trimmed.StartsWith('/') || trimmed.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"'{story}' is not a story name: use a relative name without empty, '.' or '..' segments.", nameof(story));
        }

        return (_options.Prefix ?? string.Empty) + trimmed + "/";
    }

    /// <summary>Runs a storage call and turns a failure to reach storage into a <see cref="SequenceStoreException"/>.</summary>
    internal static async Task<T> Guard<T>(Func<Task<T>> call, string location)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 0 or >= 500 or 408 or 429 or 403 or 401)
        {
            throw Unreachable(location, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or AggregateException or IOException and not SequenceStoreException
            || (ex is OperationCanceledException or TimeoutException && ex.InnerException is not null))
        {
            throw Unreachable(location, ex);
        }
    }

    internal static async Task Guard(Func<Task> call, string location) =>
        await Guard(async () => { await call().ConfigureAwait(false); return true; }, location).ConfigureAwait(false);

    private static SequenceStoreException Unreachable(string location, Exception ex) =>
        new($"Blob storage could not be reached for '{location}' ({(ex as RequestFailedException)?.Status.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ex.GetType().Name}): nothing was replaced; run the story again when storage is back, it resumes without paying twice.", ex)
        {
            Location = location,
        };

    /// <summary>Whether a blob already exists or changed since this run saw it.</summary>
    internal static bool IsConflict(RequestFailedException ex) => ex.Status is 409 or 412;

    internal static BlobUploadOptions UploadOptions(BlobRequestConditions conditions, string sha256, string contentType) => new()
    {
        Conditions = conditions,
        HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        Metadata = new Dictionary<string, string> { ["sha256"] = sha256 },

        // One Put Blob, never staged blocks: the upload commits whole or not at all.
        TransferOptions = new Azure.Storage.StorageTransferOptions { InitialTransferSize = 256 * 1024 * 1024, MaximumTransferSize = 256 * 1024 * 1024 },
    };
}
