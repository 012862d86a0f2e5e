namespace Pikumo.ImageGen.Internal;

/// <summary>Address helpers the transports share.</summary>
internal static class Uris
{
    /// <summary>The address with a trailing slash, so relative paths resolve beneath it rather than beside it.</summary>
    public static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
