namespace Pikumo.ImageGen.Transports.Azure;

/// <summary>Settings for Azure OpenAI / Azure AI Foundry.</summary>
public sealed class AzureOpenAIProviderOptions : ICopyableOptions
{
    /// <summary>The api-version the deployment route uses by default: the first with image edits.</summary>
    public const string DefaultDeploymentApiVersion = "2025-04-01-preview";

    /// <summary>The Entra ID scope for Azure OpenAI.</summary>
    public const string TokenScope = "https://cognitiveservices.azure.com/.default";

    /// <summary>The resource endpoint, for example <c>https://my-resource.openai.azure.com/</c>. Falls back to <c>AZURE_OPENAI_ENDPOINT</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The key, sent as <c>api-key</c>. Falls back to <c>AZURE_OPENAI_API_KEY</c>. Not used when <see cref="TokenProvider"/> is set. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The deployment name. On the v1 route it is the default <c>model</c>; on the deployment route it is the path
    /// segment. Falls back to <c>AZURE_OPENAI_DEPLOYMENT</c>.
    /// </summary>
    public string? Deployment { get; set; }

    /// <summary>Hosts whose image URLs (an answer with only <c>url</c>) are downloaded without the https and public-address rules: tests and simulators.</summary>
    internal IList<string> TrustedDownloadHosts { get; private set; } = [];

    /// <summary>Which route requests take.</summary>
    /// <value>Default <see cref="AzureOpenAIRoute.V1"/>.</value>
    public AzureOpenAIRoute Route { get; set; } = AzureOpenAIRoute.V1;

    /// <summary>
    /// The <c>api-version</c> query value. On the v1 route it is optional (for example <c>preview</c>); on the
    /// deployment route it is required and defaults to <see cref="DefaultDeploymentApiVersion"/>.
    /// </summary>
    public string? ApiVersion { get; set; }

    /// <summary>
    /// Microsoft Entra ID: a delegate that returns a token for <see cref="TokenScope"/>. Tokens are cached and
    /// refreshed <see cref="TokenRefreshMargin"/> before they expire. With <c>Azure.Identity</c>:
    /// <c>async ct =&gt; { var t = await credential.GetTokenAsync(new([AzureOpenAIProviderOptions.TokenScope]), ct); return new(t.Token, t.ExpiresOn); }</c>.
    /// </summary>
    public Func<CancellationToken, ValueTask<AzureAccessToken>>? TokenProvider { get; set; }

    /// <summary>How long before expiry a cached token is refreshed.</summary>
    /// <value>Default 5 minutes.</value>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public override string ToString() =>
        $"AzureOpenAI {{ Endpoint = {Secrets.Address(Endpoint)}, Route = {Route}, Deployment = {Deployment}, ApiVersion = {ApiVersion}, ApiKey = {Secrets.Describe(ApiKey)}, TokenProvider = {(TokenProvider is null ? "(not set)" : "set")} }}";

    /// <inheritdoc />
    object ICopyableOptions.CopyOptions()
    {
        var copy = (AzureOpenAIProviderOptions)MemberwiseClone();
        copy.TrustedDownloadHosts = [.. TrustedDownloadHosts];
        return copy;
    }
}
