using System.Net.Http.Headers;
using Pikumo.ImageGen.Http;
using Pikumo.ImageGen.Internal;
using Pikumo.ImageGen.Transports.OpenAI;

namespace Pikumo.ImageGen.Transports.Azure;

/// <summary>
/// Azure OpenAI / AI Foundry: the OpenAI wire on <c>{Endpoint}/openai/v1/images/…</c> (model = deployment name) or
/// <c>{Endpoint}/openai/deployments/{deployment}/images/…?api-version=…</c>; <c>api-key</c> or an Entra bearer
/// token; request id from <c>apim-request-id</c>.
/// </summary>
internal sealed class AzureOpenAIImageTransport : OpenAICompatibleTransport
{
    private readonly AzureOpenAIProviderOptions _options;
    private readonly Uri _endpoint;
    private readonly AzureTokenCache? _tokens;

    public AzureOpenAIImageTransport(ImageProviderContext<AzureOpenAIProviderOptions> context)
        : base(context)
    {
        var options = _options = context.Settings;
        _endpoint = Uris.WithTrailingSlash(options.Endpoint ?? throw new ArgumentException("Azure:Endpoint is required.", nameof(context)));
        if (options.TokenProvider is not null)
        {
            _tokens = new AzureTokenCache(options.TokenProvider, options.TokenRefreshMargin, context.TimeProvider);
        }
    }

    public override string ProviderName => "azure.ai.openai";

    public override string? DefaultModel => _options.Deployment;

    protected override bool SendsModelField => _options.Route == AzureOpenAIRoute.V1;

    protected override IEnumerable<string> TrustedDownloadHosts => _options.TrustedDownloadHosts;

    protected override IReadOnlyList<string?> SecretValues => [_options.ApiKey, _tokens?.CurrentToken];

    protected override Uri EndpointFor(ImageOperation operation, string model)
    {
        var leaf = operation == ImageOperation.Edit ? "images/edits" : "images/generations";
        if (_options.Route == AzureOpenAIRoute.V1)
        {
            var query = string.IsNullOrWhiteSpace(_options.ApiVersion) ? string.Empty : "?api-version=" + Uri.EscapeDataString(_options.ApiVersion);
            return new Uri(_endpoint, $"openai/v1/{leaf}{query}");
        }

        var version = string.IsNullOrWhiteSpace(_options.ApiVersion) ? AzureOpenAIProviderOptions.DefaultDeploymentApiVersion : _options.ApiVersion;
        return new Uri(_endpoint, $"openai/deployments/{Uri.EscapeDataString(model)}/{leaf}?api-version={Uri.EscapeDataString(version)}");
    }

    protected override async ValueTask AuthorizeAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        if (_tokens is not null)
        {
            var token = await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return;
        }

        message.Headers.TryAddWithoutValidation("api-key", _options.ApiKey);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _tokens?.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override string? RequestIdOf(HttpResponseMessage response) =>
        ResponseHeaders.First(response.Headers, "apim-request-id", "x-request-id", "x-ms-request-id");
}
