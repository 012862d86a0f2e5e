using System.Globalization;
using Microsoft.Extensions.AI;

namespace Pikumo.ImageGen.AI;

/// <summary>Mapping between Microsoft.Extensions.AI's shapes and the client's requests and results.</summary>
internal sealed partial class PikumoImageGenerator
{
    private const string DefaultMediaType = "image/png";

    /// <summary>The request to send: the factory's (it wins), else a new one; options fill what is unset.</summary>
    private static ImageRequest BuildRequest(string? prompt, ImageInput[] images, ImageRequest? fromFactory, ImageGenerationOptions? options)
    {
        var extras = options?.AdditionalProperties;
        if (images.Length > 0 || fromFactory is ImageEditRequest)
        {
            var edit = fromFactory switch
            {
                ImageEditRequest e => images.Length > 0 ? e with { Images = images } : e,
                ImageGenerateRequest g => CopyTo(g, new ImageEditRequest { Prompt = g.Prompt, Images = images }),
                _ => new ImageEditRequest { Prompt = prompt ?? string.Empty, Images = images },
            };
            edit = Fill(edit with { Prompt = prompt ?? edit.Prompt }, options);
            return edit with
            {
                InputFidelity = edit.InputFidelity ?? (Text(extras, "input_fidelity") is { } fidelity ? (InputFidelity?)new InputFidelity(fidelity) : null),
                Mask = edit.Mask ?? (extras?.TryGetValue("mask", out var mask) == true && mask is AIContent content ? ToInput(content, "options.AdditionalProperties[\"mask\"]", nameof(options)) : null),
            };
        }

        var generation = fromFactory as ImageGenerateRequest ?? new ImageGenerateRequest { Prompt = prompt ?? string.Empty };
        return Fill(generation with { Prompt = prompt ?? generation.Prompt }, options);
    }

    /// <summary>Options fill only what the request leaves unset, so a factory's request wins.</summary>
    private static T Fill<T>(T request, ImageGenerationOptions? options)
        where T : ImageRequest
    {
        if (options is null)
        {
            return request;
        }

        var extras = options.AdditionalProperties;
        return request with
        {
            Count = request.Count != 1 ? request.Count : options.Count ?? request.Count,
            Model = request.Model ?? (options.ModelId is { Length: > 0 } model ? (ImageModel?)new ImageModel(model) : null),
            Size = request.Size ?? (options.ImageSize is { } size ? (ImageSize?)new ImageSize(size.Width, size.Height) : null),
            OutputFormat = request.OutputFormat ?? (options.MediaType is not null ? (ImageFormat?)FormatOf(options) : null),
            Quality = request.Quality ?? (Text(extras, "quality") is { } quality ? (ImageQuality?)new ImageQuality(quality) : null),
            Background = request.Background ?? (Text(extras, "background") is { } background ? (ImageBackground?)new ImageBackground(background) : null),
            Moderation = request.Moderation ?? (Text(extras, "moderation") is { } moderation ? (ImageModeration?)new ImageModeration(moderation) : null),
            OutputCompression = request.OutputCompression ?? (Text(extras, "output_compression") is { } c && int.TryParse(c, CultureInfo.InvariantCulture, out var level) ? (int?)level : null),
            User = request.User ?? Text(extras, "user"),
        };
    }

    /// <summary>Carries a generation request's settings into an edit.</summary>
    private static ImageEditRequest CopyTo(ImageGenerateRequest from, ImageEditRequest to) => to with
    {
        Model = from.Model,
        Count = from.Count,
        Size = from.Size,
        Quality = from.Quality,
        Background = from.Background,
        OutputFormat = from.OutputFormat,
        OutputCompression = from.OutputCompression,
        Moderation = from.Moderation,
        User = from.User,
        PartialImages = from.PartialImages,
    };

    private static ImageGenerationResponse ToResponse(ImageResult result, ImageRequest call, ImageGenerationResponseFormat? format)
    {
        var fallback = KnownMediaType(result.OutputFormat) ?? call.OutputFormat?.MediaType ?? DefaultMediaType;
        var contents = new List<AIContent>(result.Images.Count);
        foreach (var image in result.Images)
        {
            var mediaType = image.Format?.MediaType ?? fallback;
            contents.Add(format == ImageGenerationResponseFormat.Uri && Uri.TryCreate(image.SourceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
                ? new UriContent(url, mediaType) { RawRepresentation = image }
                : new DataContent(image.Data, mediaType) { RawRepresentation = image });
        }

        return new ImageGenerationResponse(contents) { RawRepresentation = result, Usage = ToUsage(result.Usage) };
    }

    private static UsageDetails? ToUsage(ImageUsage? usage) => usage is null ? null : new UsageDetails
    {
        InputTokenCount = usage.InputTokens,
        OutputTokenCount = usage.OutputTokens,
        TotalTokenCount = usage.TotalTokens,
        AdditionalCounts = new()
        {
            ["InputTokenDetails.ImageTokenCount"] = usage.InputImageTokens,
            ["InputTokenDetails.TextTokenCount"] = usage.InputTextTokens,
            ["OutputTokenDetails.ImageTokenCount"] = usage.OutputImageTokens,
            ["OutputTokenDetails.TextTokenCount"] = usage.OutputTextTokens,
        },
    };

    private static string? KnownMediaType(ImageFormat? format) =>
        format is { } known && (known == ImageFormat.Png || known == ImageFormat.Jpeg || known == ImageFormat.Webp) ? known.MediaType : null;

    private static ImageFormat FormatOf(ImageGenerationOptions options) => options.MediaType?.ToLowerInvariant() switch
    {
        "image/png" => ImageFormat.Png,
        "image/jpeg" or "image/jpg" => ImageFormat.Jpeg,
        "image/webp" => ImageFormat.Webp,
        _ => throw new ArgumentException($"options.MediaType '{options.MediaType}' is not an output format the provider makes (image/png, image/jpeg, image/webp).", nameof(options)),
    };

    private static ImageInput ToInput(AIContent content, string name, string parameter) => content switch
    {
        DataContent data => ImageInput.FromBytes(data.Data, data.Name),
        UriContent { Uri.IsFile: true } file => ImageInput.FromFile(file.Uri.LocalPath),
        _ => throw new ArgumentException($"{name} is a {content.GetType().Name}; give images as DataContent (bytes) or a file: UriContent.", parameter),
    };

    private static string? Text(AdditionalPropertiesDictionary? extras, string key) =>
        extras?.TryGetValue(key, out var value) == true ? value?.ToString() : null;
}
