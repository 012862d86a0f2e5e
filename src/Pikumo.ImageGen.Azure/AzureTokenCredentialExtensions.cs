using Azure.Core;
namespace Pikumo.ImageGen.Transports.Azure;

/// <summary>
/// Microsoft Entra ID through an Azure.Core <see cref="TokenCredential"/>: the client asks the credential for a token for
/// <see cref="AzureOpenAIProviderOptions.TokenScope"/>, caches it and refreshes it before it expires (see
/// <see cref="AzureOpenAIProviderOptions.TokenRefreshMargin"/>), and sends it as <c>Authorization: Bearer</c>.
/// </summary>
public static class AzureTokenCredentialExtensions
{
    /// <summary>Authenticates Azure OpenAI calls with <paramref name="credential"/> instead of an api-key.</summary>
    /// <param name="options">The Azure settings.</param>
    /// <param name="credential">The credential, for example <c>new DefaultAzureCredential()</c> from Azure.Identity.</param>
    /// <returns>The same settings, to chain.</returns>
    public static AzureOpenAIProviderOptions UseTokenCredential(this AzureOpenAIProviderOptions options, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        var context = new TokenRequestContext([AzureOpenAIProviderOptions.TokenScope]);
        options.TokenProvider = async cancellationToken =>
        {
            var token = await credential.GetTokenAsync(context, cancellationToken).ConfigureAwait(false);
            return new AzureAccessToken(token.Token, token.ExpiresOn);
        };
        return options;
    }
}
