namespace Pikumo.ImageGen.Transports.Azure;

/// <summary>
/// Caches a Microsoft Entra token and refreshes it a margin before it expires; one refresh at a time, so a
/// burst of calls asks the credential once.
/// </summary>
internal sealed class AzureTokenCache(Func<CancellationToken, ValueTask<AzureAccessToken>> provider, TimeSpan refreshMargin, TimeProvider timeProvider) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private AzureAccessToken? _current;

    /// <summary>The cached token, if any (to scrub it from messages).</summary>
    public string? CurrentToken => _current?.Token;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_current) is { } token)
        {
            return token;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_current) is { } raced)
            {
                return raced;
            }

            var next = await provider(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(next.Token))
            {
                throw new InvalidOperationException("The Azure token provider returned an empty token.");
            }

            _current = next;
            return next.Token;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private string? Fresh(AzureAccessToken? token) =>
        token is { } t && t.ExpiresOn - refreshMargin > timeProvider.GetUtcNow() ? t.Token : null;
}
