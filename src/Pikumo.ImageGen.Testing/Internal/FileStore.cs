using System.Collections.Concurrent;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>A file the simulator serves at <c>/fal/files/{id}/{name}</c>.</summary>
internal sealed record StoredFile(ReadOnlyMemory<byte> Data, string ContentType, string FileName);

/// <summary>The simulator's own "CDN": fal results, uploads and files added by tests.</summary>
internal sealed class FileStore
{
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);

    public Uri Add(Uri origin, string id, StoredFile file)
    {
        _files[id] = file;
        return UrlOf(origin, id, file.FileName);
    }

    public bool TryGet(string id, out StoredFile file) => _files.TryGetValue(id, out file!);

    public static Uri UrlOf(Uri origin, string id, string fileName) =>
        new(origin, RouteMatch.FalFilesPrefix + Uri.EscapeDataString(id) + "/" + Uri.EscapeDataString(fileName));

    /// <summary>The file a URL of this simulator points at, whatever host it was handed out on.</summary>
    public StoredFile? Resolve(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var match = RouteMatch.Classify("GET", uri);
        return match.Route == SimulatorRoute.FalFile && match.FileId is { } id && _files.TryGetValue(id, out var file) ? file : null;
    }
}
