namespace Pikumo.ImageGen.Transports.Azure;

/// <summary>A Microsoft Entra access token and when it expires (the shape <c>Azure.Core.AccessToken</c> converts to in one line).</summary>
/// <param name="Token">The bearer token. Never logged.</param>
/// <param name="ExpiresOn">When it expires.</param>
public readonly record struct AzureAccessToken(string Token, DateTimeOffset ExpiresOn)
{
    /// <inheritdoc />
    public override string ToString() => $"AzureAccessToken {{ Token = [REDACTED], ExpiresOn = {ExpiresOn:O} }}";
}
