#region custom-provider
// Acme/AcmeProvider.cs: settings, a transport on the library's HTTP plumbing, and one registration.
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Transports;

namespace Acme;

public sealed class AcmeOptions
{
    public string? ApiKey { get; set; }                        // configuration key Acme:ApiKey

    public Uri BaseAddress { get; set; } = new("https://api.acme.example/");
}

public sealed class AcmeTransport(ImageProviderContext<AcmeOptions> context) : HttpImageTransport(context)
{
    public override string ProviderName => "acme";             // results, prices, logs and telemetry use it

    protected override IReadOnlyList<string?> SecretValues => [context.Settings.ApiKey];   // scrubbed from every message

    public override async Task<ImageResult> SendAsync(ImageTransportRequest request, CancellationToken cancellationToken)
    {
        // request holds validated, final values; request.Request is the caller's record with them.
        var body = JsonSerializer.Serialize(new Dictionary<string, object?> { ["prompt"] = request.Prompt, ["n"] = request.Count, ["quality"] = request.Quality?.Value });
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(context.Settings.BaseAddress, "render"))
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", context.Settings.ApiKey);
        using var response = await SendHttpAsync(message, request, cancellationToken);   // tracks "sent", maps network failures
        return await ReadImagesAsync(response, request, cancellationToken);               // OpenAI-shaped answer or its error
    }

    protected override string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-request-id", out var ids) ? ids.FirstOrDefault() : null;
}

public static class AcmeProvider
{
    public static ImageProviderRegistration<AcmeOptions> Registration { get; } = new("Acme", context => new AcmeTransport(context))
    {
        Bind = (section, settings) => section.Bind(settings),                                // the "Acme" section
        Validate = settings => settings.ApiKey is null ? ["Acme:ApiKey is required, or set ACME_API_KEY."] : [],
        ReadEnvironment = (settings, environment) => settings.ApiKey ??= environment("ACME_API_KEY"),
        Address = settings => settings.BaseAddress,
    };
}
#endregion
