using System.Net;
using System.Net.Sockets;
namespace Pikumo.ImageGen.Http;

/// <summary>What a download may fetch: the provider it is for, hosts that skip the address rules, a size cap and a time limit, with the settings' names for messages.</summary>
internal sealed record DownloadRules(string Provider, IEnumerable<string> TrustedHosts, long MaxBytes, string MaxBytesSetting, TimeSpan Timeout, string TimeoutSetting);

/// <summary>
/// Downloads result images a provider answers with as URLs (fal always; OpenAI and Azure when an answer carries only
/// a <c>url</c>) safely: https only, never from a loopback, private or link-local address (checked on the literal and
/// on what the name resolves to), a size cap and a time limit per image. Trusted hosts (the simulator) skip the
/// address rules. No credentials are sent.
/// </summary>
internal sealed class ImageDownloader(DownloadRules options, Func<HttpClient> httpClient, TimeProvider timeProvider)
{
    private string Provider => options.Provider;

    public async Task<byte[]> DownloadAsync(string url, int index, CancellationToken cancellationToken)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return DecodeDataUri(url, index);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw Refused(Provider, index, $"'{url}' is not an absolute URL");
        }

        var trusted = options.TrustedHosts.Contains(uri.Authority, StringComparer.OrdinalIgnoreCase)
            || options.TrustedHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);
        if (!trusted)
        {
            if (uri.Scheme != Uri.UriSchemeHttps)
            {
                throw Refused(Provider, index, $"'{uri.Scheme}' URLs are refused; only https is downloaded");
            }

            await EnsurePublicAsync(uri, index, Provider, cancellationToken).ConfigureAwait(false);
        }

        using var timeout = new CancellationTokenSource(options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            UserAgent.Apply(request);
            using var response = await httpClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ImageGenProtocolException($"{Provider}: downloading result image {index} failed with HTTP {(int)response.StatusCode}.", Provider, null, response.StatusCode);
            }

            if (response.Content.Headers.ContentLength is { } announced && announced > options.MaxBytes)
            {
                throw TooLarge(index);
            }

            var (bytes, overflowed) = await BoundedRead.ReadAsync(response.Content, options.MaxBytes, linked.Token).ConfigureAwait(false);
            return overflowed ? throw TooLarge(index) : bytes;
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ImageGenTimeoutException($"{Provider}: downloading result image {index} took longer than {options.TimeoutSetting} ({options.Timeout}).", Provider, options.Timeout, requestSent: true, innerException: ex);
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

    private static async Task EnsurePublicAsync(Uri uri, int index, string provider, CancellationToken cancellationToken)
    {
        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(provider, index, $"the loopback host '{uri.Host}' is refused");
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
                throw new ImageGenConnectionException($"{provider}: the host of result image {index} ('{uri.Host}') could not be resolved: {ex.Message}", provider, requestSent: true, ex);
            }
        }

        if (addresses.Length == 0 || !addresses.All(IsPublic))
        {
            throw Refused(provider, index, $"'{uri.Host}' is a loopback, private or link-local address");
        }
    }

    private byte[] DecodeDataUri(string url, int index)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !url.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(Provider, index, "the data: URI is not base64");
        }

        try
        {
            return Convert.FromBase64String(url[(comma + 1)..]);
        }
        catch (FormatException ex)
        {
            throw new ImageGenProtocolException($"{Provider}: result image {index} is a data: URI with invalid base64.", Provider, null, innerException: ex);
        }
    }

    private ImageGenProtocolException TooLarge(int index) =>
        new($"{Provider}: result image {index} is larger than {options.MaxBytesSetting} ({options.MaxBytes:N0} bytes); the download was cut off.", Provider, null);

    private static ImageGenProtocolException Refused(string provider, int index, string why) =>
        new($"{provider}: result image {index} was not downloaded: {why}.", provider, null);
}
