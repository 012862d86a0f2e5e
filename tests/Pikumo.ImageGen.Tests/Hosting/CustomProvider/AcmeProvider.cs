using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Tests.Hosting.CustomProvider;

/// <summary>
/// A host's own provider, in one folder of the host's code: settings, a transport on the public HTTP base, and one
/// registration. "Acme" answers in OpenAI's images shape at <c>{BaseAddress}render</c> with <c>X-Acme-Key</c>.
/// </summary>
public static class AcmeProvider
{
    public static ImageProviderRegistration<AcmeOptions> Registration { get; } = new("Acme", context => new AcmeTransport(context))
    {
        Bind = (section, settings) => section.Bind(settings),
        Validate = settings => settings.ApiKey is null ? ["Acme:ApiKey is required."] : [],
        ReadEnvironment = (settings, environment) => settings.ApiKey ??= environment("ACME_TEST_KEY"),
        Address = settings => settings.BaseAddress,
    };

    /// <summary>Registers Acme once (registering the same registration again does nothing).</summary>
    public static void Register() => ImageProviders.Register(Registration);
}

public sealed class AcmeOptions
{
    public string? ApiKey { get; set; }

    public Uri BaseAddress { get; set; } = new("https://acme.invalid/");

    public override string ToString() => $"Acme {{ BaseAddress = {BaseAddress} }}";
}

internal sealed class AcmeTransport(ImageProviderContext<AcmeOptions> context) : HttpImageTransport(context)
{
    private readonly AcmeOptions _settings = context.Settings;

    public override string ProviderName => "acme";

    protected override IReadOnlyList<string?> SecretValues => [_settings.ApiKey];

    public override async Task<ImageResult> SendAsync(ImageTransportRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object?> { ["model"] = request.Model, ["prompt"] = request.Prompt, ["n"] = request.Count, ["quality"] = request.Quality?.Value });
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_settings.BaseAddress, "render"))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        message.Headers.TryAddWithoutValidation("X-Acme-Key", _settings.ApiKey);
        using var response = await SendHttpAsync(message, request, cancellationToken);
        return await ReadImagesAsync(response, request, cancellationToken);
    }

    protected override string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-acme-request-id", out var ids) ? ids.FirstOrDefault() : null;
}
