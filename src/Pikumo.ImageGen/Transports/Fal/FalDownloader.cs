using System.Net;
using System.Net.Sockets;
using Pikumo.ImageGen.Http;

namespace Pikumo.ImageGen.Transports.Fal;

/// <summary>
/// Downloads fal's result images safely: https only, never from a loopback, private or link-local address
/// (checked on the literal and on what the name resolves to), a size cap and a time limit per image. Hosts in
/// <see cref="FalProviderOptions.TrustedDownloadHosts"/> (the simulator) skip the address rules. No credentials are sent.
/// </summary>
internal sealed class FalDownloader(FalProviderOptions options, Func<HttpClient> httpClient, TimeProvider timeProvider)
{
    public async Task<byte[]> DownloadAsync(string url, int index, CancellationToken cancellationToken)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return DecodeDataUri(url, index);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw Refused(index, $"'{url}' is not an absolute URL");
        }

        var trusted = options.TrustedDownloadHosts.Contains(uri.Authority, StringComparer.OrdinalIgnoreCase)
            || options.TrustedDownloadHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
        if (!trusted)
        {
            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                throw Refused(index, $"'{uri.Scheme}' URLs are refused; only https is downloaded");
            }

            await EnsurePublicAsync(uri, index, cancellationToken).ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(options.DownloadTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ImageGenProtocolException($"fal: downloading result image {index} failed with HTTP {(int)response.StatusCode}.", "fal", null, response.StatusCode);
            }

            if (response.Content.Headers.ContentLength is { } announced && announced > options.MaxDownloadBytes)
            {
                throw TooLarge(index);
            }

            var (bytes, overflowed) = await BoundedRead.ReadAsync(response.Content, options.MaxDownloadBytes, linked.Token).ConfigureAwait(false);
            return overflowed ? throw TooLarge(index) : bytes;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ImageGenTimeoutException($"fal: downloading result image {index} took longer than Fal:DownloadTimeout ({options.DownloadTimeout}).", "fal", options.DownloadTimeout, requestSent: true, innerException: ex);
        }
    }

    internal static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        // IPv4 0.x (the unspecified address included) is refused below with the other reserved ranges.
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return !address.IsIPv6LinkLocal && !address.IsIPv6SiteLocal && !address.IsIPv6Multicast && (first & 0xFE) != 0xFC; // fc00::/7 unique local
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10
            || b[0] == 0
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) // carrier-grade NAT
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || b[0] >= 224);
    }

    private static async Task EnsurePublicAsync(Uri uri, int index, CancellationToken cancellationToken)
    {
        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(index, $"the loopback host '{uri.Host}' is refused");
        }

        IPAddress[] addresses;
        if (IPAddress.TryParse(uri.Host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new ImageGenConnectionException($"fal: the host of result image {index} ('{uri.Host}') could not be resolved: {ex.Message}", "fal", requestSent: true, ex);
            }
        }

        if (addresses.Length == 0 || !addresses.All(IsPublic))
        {
            throw Refused(index, $"'{uri.Host}' is a loopback, private or link-local address");
        }
    }

    private static byte[] DecodeDataUri(string url, int index)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !url.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(index, "the data: URI is not base64");
        }

        try
        {
            return Convert.FromBase64String(url[(comma + 1)..]);
        }
        catch (FormatException ex)
        {
            throw new ImageGenProtocolException($"fal: result image {index} is a data: URI with invalid base64.", "fal", null, innerException: ex);
        }
    }

    private ImageGenProtocolException TooLarge(int index) =>
        new($"fal: result image {index} is larger than Fal:MaxDownloadBytes ({options.MaxDownloadBytes:N0} bytes); the download was cut off.", "fal", null);

    private static ImageGenProtocolException Refused(int index, string why) =>
        new($"fal: result image {index} was not downloaded: {why}.", "fal", null);
}
