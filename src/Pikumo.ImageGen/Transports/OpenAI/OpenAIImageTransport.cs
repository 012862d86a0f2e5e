using System.Net.Http.Headers;
using Pikumo.ImageGen.Http;
using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Transports.OpenAI;

/// <summary>OpenAI: <c>{BaseAddress}images/edits</c> and <c>images/generations</c>, <c>Authorization: Bearer</c>, <c>x-request-id</c>.</summary>
internal sealed class OpenAIImageTransport : OpenAICompatibleTransport
{
    private readonly OpenAIProviderOptions _options;
    private readonly Uri _baseAddress;

    public OpenAIImageTransport(ImageProviderContext<OpenAIProviderOptions> context)
        : base(context)
    {
        _options = context.Settings;
        _baseAddress = Uris.WithTrailingSlash(_options.BaseAddress);
    }

    public override string ProviderName => "openai";

    protected override IReadOnlyList<string?> SecretValues => [_options.ApiKey];

    protected override IEnumerable<string> TrustedDownloadHosts => _options.TrustedDownloadHosts;

    protected override Uri EndpointFor(ImageOperation operation, string model) =>
        new(_baseAddress, operation == ImageOperation.Edit ? "images/edits" : "images/generations");

    protected override ValueTask AuthorizeAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        if (!string.IsNullOrWhiteSpace(_options.Organization))
        {
            message.Headers.TryAddWithoutValidation("OpenAI-Organization", _options.Organization);
        }

        if (!string.IsNullOrWhiteSpace(_options.Project))
        {
            message.Headers.TryAddWithoutValidation("OpenAI-Project", _options.Project);
        }

        return ValueTask.CompletedTask;
    }

    protected override string? RequestIdOf(HttpResponseMessage response) => ResponseHeaders.First(response.Headers, "x-request-id");
}
