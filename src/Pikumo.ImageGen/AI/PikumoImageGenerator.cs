using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using MeaiRequest = Microsoft.Extensions.AI.ImageGenerationRequest;

namespace Pikumo.ImageGen.AI;

/// <summary>
/// A <c>Microsoft.Extensions.AI</c> <see cref="IImageGenerator"/> over an <see cref="ImageGenClient"/>, so the client
/// plugs into pipelines built with <c>AddImageGenerator(...).UseLogging().UseOpenTelemetry()</c>. A request with
/// original images becomes an edit carrying <b>every</b> image (not only the first) as <c>image[]</c>; one without
/// becomes a generation. Options map to the request: <c>Count</c>, <c>ImageSize</c>, <c>MediaType</c> (output format),
/// <c>ModelId</c>; <c>AdditionalProperties</c> may carry <c>quality</c>, <c>background</c>, <c>input_fidelity</c>,
/// <c>moderation</c>, <c>output_compression</c>, <c>user</c> and <c>mask</c> (a <see cref="DataContent"/>). Images come
/// back as <see cref="DataContent"/>; the <see cref="ImageResult"/> is the response's raw representation.
/// </summary>
[Experimental("MEAI001")]
public sealed class PikumoImageGenerator : IImageGenerator
{
    private readonly ImageGenClient _client;

    /// <summary>Wraps a client.</summary>
    /// <param name="client">The client; not disposed by the generator.</param>
    public PikumoImageGenerator(ImageGenClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc />
    public async Task<ImageGenerationResponse> GenerateAsync(MeaiRequest request, ImageGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var images = (request.OriginalImages ?? []).Select((content, i) => ToInput(content, $"request.OriginalImages[{i}]")).ToArray();
        var extras = options?.AdditionalProperties;
        var baseRequest = options?.RawRepresentationFactory?.Invoke(this) as ImageRequest;
        ImageResult result;
        if (images.Length > 0)
        {
            var edit = baseRequest as ImageEditRequest ?? new ImageEditRequest { Prompt = request.Prompt ?? string.Empty, Images = images };
            edit = Apply(edit with { Prompt = request.Prompt ?? edit.Prompt, Images = images }, options) with
            {
                InputFidelity = Text(extras, "input_fidelity") is { } fidelity ? new InputFidelity(fidelity) : edit.InputFidelity,
                Mask = extras?.TryGetValue("mask", out var mask) == true && mask is AIContent maskContent ? ToInput(maskContent, "mask") : edit.Mask,
            };
            result = await _client.EditAsync(edit, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var generation = baseRequest as ImageGenerationRequest ?? new ImageGenerationRequest { Prompt = request.Prompt ?? string.Empty };
            result = await _client.GenerateAsync(Apply(generation with { Prompt = request.Prompt ?? generation.Prompt }, options), cancellationToken).ConfigureAwait(false);
        }

        return new ImageGenerationResponse([.. result.Images.Select(i => (AIContent)new DataContent(i.Data, i.Format?.MediaType ?? "application/octet-stream"))])
        {
            RawRepresentation = result,
            Usage = result.Usage is { } usage ? new UsageDetails { InputTokenCount = usage.InputTokens, OutputTokenCount = usage.OutputTokens, TotalTokenCount = usage.TotalTokens } : null,
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ImageGeneratorMetadata) ? new ImageGeneratorMetadata(_client.ProviderName, null, _client.GetCapabilities().Model)
            : serviceType.IsInstanceOfType(_client) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static T Apply<T>(T request, ImageGenerationOptions? options)
        where T : ImageRequest
    {
        if (options is null)
        {
            return request;
        }

        var extras = options.AdditionalProperties;
        return request with
        {
            Count = options.Count ?? request.Count,
            Model = options.ModelId is { Length: > 0 } model ? new ImageModel(model) : request.Model,
            Size = options.ImageSize is { } size ? new ImageSize(size.Width, size.Height) : request.Size,
            OutputFormat = options.MediaType is { } media ? FormatOf(media) : request.OutputFormat,
            Quality = Text(extras, "quality") is { } quality ? new ImageQuality(quality) : request.Quality,
            Background = Text(extras, "background") is { } background ? new ImageBackground(background) : request.Background,
            Moderation = Text(extras, "moderation") is { } moderation ? new ImageModeration(moderation) : request.Moderation,
            OutputCompression = Text(extras, "output_compression") is { } compression && int.TryParse(compression, System.Globalization.CultureInfo.InvariantCulture, out var level) ? level : request.OutputCompression,
            User = Text(extras, "user") ?? request.User,
        };
    }

    private static ImageFormat FormatOf(string mediaType) => mediaType.ToLowerInvariant() switch
    {
        "image/png" => ImageFormat.Png,
        "image/jpeg" or "image/jpg" => ImageFormat.Jpeg,
        "image/webp" => ImageFormat.Webp,
        _ => throw new ArgumentException($"MediaType '{mediaType}' is not an output format the provider makes (image/png, image/jpeg, image/webp).", nameof(mediaType)),
    };

    private static ImageInput ToInput(AIContent content, string name) => content switch
    {
        DataContent data => ImageInput.FromBytes(data.Data, data.Name),
        UriContent { Uri.IsFile: true } file => ImageInput.FromFile(file.Uri.LocalPath),
        _ => throw new ArgumentException($"{name} is a {content.GetType().Name}; give images as DataContent (bytes) or a file: UriContent.", nameof(content)),
    };

    private static string? Text(AdditionalPropertiesDictionary? extras, string key) =>
        extras?.TryGetValue(key, out var value) == true ? value?.ToString() : null;
}
