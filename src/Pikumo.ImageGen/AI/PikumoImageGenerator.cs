using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Pikumo.ImageGen.Diagnostics;
using MeaiRequest = Microsoft.Extensions.AI.ImageGenerationRequest;

namespace Pikumo.ImageGen.AI;

/// <summary>
/// A <c>Microsoft.Extensions.AI</c> <see cref="IImageGenerator"/> over an <see cref="ImageGenClient"/>, so the client
/// plugs into pipelines built with <c>AddImageGenerator(...).UseLogging().UseOpenTelemetry()</c>. A request with
/// original images becomes an edit carrying <b>every</b> image (not only the first) as <c>image[]</c>; one without
/// becomes a generation. Options map to the request: <c>Count</c>, <c>ImageSize</c>, <c>MediaType</c> (output format),
/// <c>ModelId</c>, <c>ResponseFormat</c>; <c>AdditionalProperties</c> may carry <c>quality</c>, <c>background</c>,
/// <c>input_fidelity</c>, <c>moderation</c>, <c>output_compression</c>, <c>user</c> and <c>mask</c> (a <see cref="DataContent"/>).
/// </summary>
/// <remarks>
/// <para><b>RawRepresentationFactory.</b> As in Microsoft's own adapters, the factory's object wins: return an
/// <see cref="ImageEditRequest"/> or <see cref="ImageGenerateRequest"/> and the options only fill what it leaves unset
/// (a <see cref="ImageRequest.Count"/> of 1 counts as unset). A generation request from the factory used with original
/// images keeps its settings and becomes the edit; an edit request from the factory used without original images is
/// sent as the edit it describes. The request's prompt, when set, is the prompt sent.</para>
/// <para><b>Responses.</b> Images come back as <see cref="DataContent"/>; with <c>ResponseFormat = Uri</c>, an image
/// the provider hosts at a URL (fal) comes back as <see cref="UriContent"/> (OpenAI and Azure return gpt-image output
/// only as bytes, so those stay data). The media type is read from the bytes; when they cannot be read it is the
/// format the provider reported or was asked for, else <c>image/png</c>, the providers' default. Usage carries the
/// text/image token split in <c>AdditionalCounts</c> under Microsoft's key names (<c>InputTokenDetails.TextTokenCount</c>,
/// <c>InputTokenDetails.ImageTokenCount</c>, and the same for <c>OutputTokenDetails</c>). The <see cref="ImageResult"/>,
/// with its cost, is the response's <see cref="ImageGenerationResponse.RawRepresentation"/>.</para>
/// <para><b>Telemetry.</b> Inside Microsoft.Extensions.AI's <c>UseOpenTelemetry()</c> span the client starts no second
/// GenAI span and records the <c>gen_ai.client.*</c> histograms once (MEAI's); it tags the outer span with its
/// <c>pikumo.imagegen.*</c> facts instead.</para>
/// </remarks>
[Experimental("MEAI001")]
internal sealed partial class PikumoImageGenerator : IImageGenerator
{
    private readonly ImageGenClient _client;
    private readonly ImageGeneratorMetadata _metadata;

    /// <summary>Wraps a client.</summary>
    /// <param name="client">The client; not disposed by the generator.</param>
    public PikumoImageGenerator(ImageGenClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _metadata = new ImageGeneratorMetadata(client.ProviderName, ProviderUri(client.Options), client.GetCapabilities().Model);
    }

    /// <inheritdoc />
    public async Task<ImageGenerationResponse> GenerateAsync(MeaiRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var images = (request.OriginalImages ?? []).Select((content, i) => ToInput(content, $"request.OriginalImages[{i}]", nameof(request))).ToArray();
        var fromFactory = options?.RawRepresentationFactory?.Invoke(this) as ImageRequest;
        var call = BuildRequest(request.Prompt, images, fromFactory, options);
        ImageResult result;
        using (CallerGenAITelemetry.Enter(Activity.Current))
        {
            result = call is ImageEditRequest edit
                ? await _client.EditAsync(edit, cancellationToken).ConfigureAwait(false)
                : await _client.GenerateAsync((ImageGenerateRequest)call, cancellationToken).ConfigureAwait(false);
        }

        return ToResponse(result, call, options?.ResponseFormat);
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ImageGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_client) ? _client
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static Uri? ProviderUri(ImageGenOptions options) =>
        ImageProviders.TryGet(options.ProviderName, out var provider) ? provider.AddressOf(options) : null;
}
