// Parameter names are the request's property paths (request.Count, request.Images[0]): what a caller needs to find the field.
#pragma warning disable CA1507, CA2208

using System.Globalization;

namespace Pikumo.ImageGen;

/// <summary>
/// Checks a request against the model's capabilities before any byte goes on the wire, and turns it into the
/// final values a transport sends. Every refusal is an <see cref="ArgumentException"/> naming the property
/// (for example <c>request.Count</c>) and the rule, with the wire name in the message.
/// </summary>
internal sealed class RequestValidator
{
    private readonly ImageModelCapabilities _caps;
    private readonly UnsupportedParameterPolicy _policy;
    private readonly string _provider;

    public RequestValidator(ImageModelCapabilities capabilities, UnsupportedParameterPolicy policy, string provider)
    {
        _caps = capabilities;
        _policy = policy;
        _provider = provider;
    }

    /// <summary>Body fields the transports write themselves, which <see cref="ImageRequest.ExtraFields"/> may not set: every wire name of the field table, and the bodies' own keys.</summary>
    private static readonly HashSet<string> ReservedFields = new(
        ImageFields.All.Where(f => f != ImageFields.ExtraFields).SelectMany(f => new[] { f.Wire, f.FalWire }).OfType<string>()
            .Concat(["image_urls", "mask_url", "num_images", "image_size", "aspect_ratio", "resolution", "sync_mode", "contents", "generationConfig"]),
        StringComparer.Ordinal);

    public List<string> Omitted { get; } = [];

    public List<string> Warnings { get; } = [];

    /// <summary>The prompt text as it goes on the wire for a model: a spec renders in the format the model reads best.</summary>
    public static string? WirePrompt(ImagePrompt prompt, ImageModelCapabilities capabilities) =>
        prompt.Spec is Specs.PromptSpec spec && capabilities.PromptFormat != Specs.PromptFormat.Json
            ? spec.Render(capabilities.PromptFormat)
            : prompt.Text;

    public async Task<ValidatedImageRequest> ValidateAsync(ImageRequest request, string model, ImageQuality defaultQuality, bool stream, CancellationToken cancellationToken)
    {
        var edit = request as ImageEditRequest;
        if (edit is not null ? !_caps.SupportsEdits : !_caps.SupportsGenerations)
        {
            throw new ArgumentException($"{model} on {_provider} does not serve {(edit is null ? "/images/generations" : "/images/edits")}.", "request.Model");
        }

        // A spec renders in the format the model reads best; the text a caller wrote is sent as written.
        var prompt = WirePrompt(request.Prompt, _caps);
        if (string.IsNullOrWhiteSpace(prompt))
        {
            throw new ArgumentException("request.Prompt (wire 'prompt') is required and must not be empty or whitespace.", "request.Prompt");
        }

        if (prompt.Length > _caps.MaxPromptLength)
        {
            throw new ArgumentException(Invariant($"request.Prompt (wire 'prompt') is {prompt.Length:N0} characters; {model} accepts at most {_caps.MaxPromptLength:N0}."), "request.Prompt");
        }

        var maxCount = _caps.MaxCount;
        if (request.Count < 1 || request.Count > maxCount)
        {
            throw new ArgumentOutOfRangeException("request.Count", request.Count, Invariant($"request.Count (wire 'n') must be between 1 and {maxCount} for {model} on {_provider}."));
        }

        if (request.Size is { } size && _caps.Sizes.Check(size) is { } sizeProblem)
        {
            throw new ArgumentException($"request.Size (wire 'size') {size} is not accepted by {model}: {sizeProblem}.", "request.Size");
        }

        if (request.Size is { } experimental && _caps.Sizes.IsExperimental(experimental))
        {
            Warnings.Add($"size {experimental} is above {_caps.Sizes.ExperimentalAbovePixels:N0} pixels, which {model} documents as experimental");
        }

        if (request.User is { } blank && string.IsNullOrWhiteSpace(blank))
        {
            throw new ArgumentException("request.User (wire 'user') must not be empty; leave it null instead.", "request.User");
        }

        // Quality is always sent (providers' own defaults differ); the default is the library's, so it meets no policy.
        var qualityIsDefault = request.Quality is null;
        var final = request with { Quality = request.Quality ?? defaultQuality };
        var validated = new ValidatedImageRequest { Request = final, Model = model, Prompt = prompt, Capabilities = _caps, Stream = stream };

        // The unsupported-parameter policy, for every field the model may lack: refuse it, or leave it off and say so.
        foreach (var field in ImageFields.All)
        {
            if (field is { Supported: { } supported, Clear: { } clear } && !supported(_caps) && field.Read(validated) is not null)
            {
                var isDefault = field == ImageFields.Quality ? qualityIsDefault : field.IsDefault?.Invoke(request) ?? false;
                if (!isDefault)
                {
                    Drop(field.Property, field.Wire, model);
                }

                final = clear(final);
                validated = validated with { Request = final };
            }
        }

        final = final with { Quality = CheckQuality(final.Quality, qualityIsDefault, model) };
        CheckValues(final, model);
        if (stream && !_caps.SupportsStreaming)
        {
            throw new ArgumentException($"{model} on {_provider} does not stream images; call EditAsync or GenerateAsync.", "request");
        }

        if (request.PartialImages is { } partials)
        {
            if (!stream)
            {
                throw new ArgumentException("request.PartialImages (wire 'partial_images') applies only to streaming calls: use StreamEditAsync or StreamGenerateAsync.", "request.PartialImages");
            }

            if (partials < 0 || partials > _caps.MaxPartialImages)
            {
                throw new ArgumentOutOfRangeException("request.PartialImages", partials, Invariant($"request.PartialImages (wire 'partial_images') must be between 0 and {_caps.MaxPartialImages}."));
            }
        }

        var (images, mask) = edit is null ? ([], null) : await PrepareImagesAsync(edit, model, cancellationToken).ConfigureAwait(false);
        return validated with { Request = final, Images = images, Mask = mask };
    }

    /// <summary>A quality the model does not list: dall-e-2's only quality stands in for the library default; a caller's value is refused.</summary>
    private ImageQuality? CheckQuality(ImageQuality? quality, bool isDefault, string model)
    {
        if (quality is not { } q || _caps.Qualities.Contains(q))
        {
            return quality;
        }

        return isDefault && _caps.Qualities.Count == 1
            ? _caps.Qualities[0] // dall-e-2 knows only "standard"
            : throw new ArgumentException($"request.Quality (wire 'quality') '{q}' is not accepted by {model}; it takes {string.Join(", ", _caps.Qualities)}.", "request.Quality");
    }

    /// <summary>The value rules of the fields the model takes.</summary>
    private void CheckValues(ImageRequest request, string model)
    {
        var format = request.OutputFormat;
        if (format is { } f && !_caps.OutputFormats.Contains(f))
        {
            throw new ArgumentException($"request.OutputFormat (wire 'output_format') '{f}' is not accepted by {model}; it takes {string.Join(", ", _caps.OutputFormats)}.", "request.OutputFormat");
        }

        if (request.Background is { } b)
        {
            if (b == ImageBackground.Transparent)
            {
                if (_caps.Transparency == TransparencySupport.None)
                {
                    throw new ArgumentException($"request.Background (wire 'background') 'transparent' is not supported by {model}.", "request.Background");
                }

                if (format == ImageFormat.Jpeg)
                {
                    throw new ArgumentException("request.Background 'transparent' needs request.OutputFormat png or webp; jpeg has no alpha channel.", "request.Background");
                }

                if (_caps.Transparency == TransparencySupport.Preview)
                {
                    Warnings.Add($"a transparent background is a preview feature on {model} and may be refused by the provider");
                }
            }
            else if (b != ImageBackground.Opaque && b != ImageBackground.Auto)
            {
                throw new ArgumentException($"request.Background (wire 'background') '{b}' is not one of transparent, opaque, auto.", "request.Background");
            }
        }

        if (request.OutputCompression is { } c)
        {
            if (c is < 0 or > 100)
            {
                throw new ArgumentOutOfRangeException("request.OutputCompression", c, "request.OutputCompression (wire 'output_compression') must be between 0 and 100.");
            }

            if (format != ImageFormat.Jpeg && format != ImageFormat.Webp)
            {
                throw new ArgumentException("request.OutputCompression (wire 'output_compression') applies only to jpeg or webp output; set request.OutputFormat.", "request.OutputCompression");
            }
        }

        if (request.Moderation is { } m && m != ImageModeration.Low && m != ImageModeration.Auto)
        {
            throw new ArgumentException($"request.Moderation (wire 'moderation') '{m}' is not one of low, auto.", "request.Moderation");
        }

        if (request is ImageEditRequest { InputFidelity: { } fi } && fi != InputFidelity.High && fi != InputFidelity.Low)
        {
            throw new ArgumentException($"request.InputFidelity (wire 'input_fidelity') '{fi}' is not one of high, low.", "request.InputFidelity");
        }

        if (request.GuidanceScale is { } g && (!double.IsFinite(g) || g <= 0))
        {
            throw new ArgumentOutOfRangeException("request.GuidanceScale", g, "request.GuidanceScale (wire 'guidance_scale') must be a positive number.");
        }

        if (request.Seed is { } seed && seed < 0)
        {
            throw new ArgumentOutOfRangeException("request.Seed", seed, "request.Seed (wire 'seed') must not be negative.");
        }

        foreach (var key in request.ExtraFields?.Keys ?? Enumerable.Empty<string>())
        {
            if (string.IsNullOrWhiteSpace(key) || ReservedFields.Contains(key))
            {
                throw new ArgumentException($"request.ExtraFields['{key}'] is a field the library writes itself; set the typed property (Prompt, Images, Count, Size, Seed…) instead.", "request.ExtraFields");
            }
        }
    }

    private async Task<(IReadOnlyList<PreparedImage> Images, PreparedImage? Mask)> PrepareImagesAsync(ImageEditRequest edit, string model, CancellationToken cancellationToken)
    {
        var inputs = edit.Images;
        if (inputs is null || inputs.Count == 0)
        {
            throw new ArgumentException("request.Images (wire 'image[]') needs at least one reference image.", "request.Images");
        }

        if (inputs.Count > _caps.MaxReferenceImages)
        {
            var silently = _caps.DropsExtraReferencesSilently ? " (it would keep only the first ones without an error, so the call is refused here)" : string.Empty;
            throw new ArgumentOutOfRangeException("request.Images", inputs.Count, Invariant($"request.Images (wire 'image[]') has {inputs.Count} images; {model} on {_provider} accepts at most {_caps.MaxReferenceImages}{silently}."));
        }

        var prepared = new PreparedImage[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var name = Invariant($"request.Images[{i}]");
            var image = await ImagePreparation.PrepareAsync(inputs[i], name, Invariant($"image-{i + 1}"), _caps.MaxReferenceImageBytes, cancellationToken).ConfigureAwait(false);
            if (!_caps.ReferenceFormats.Contains(image.Format))
            {
                throw new ArgumentException($"{name} is {image.Format.Value.ToUpperInvariant()}; {model} accepts {string.Join(", ", _caps.ReferenceFormats)}.", name);
            }

            if (_caps.RequiresSquareReference && image.Header.HasSize && image.Header.Width != image.Header.Height)
            {
                throw new ArgumentException(Invariant($"{name} is {image.Header.Width}x{image.Header.Height}; {model} needs a square image."), name);
            }

            prepared[i] = image;
        }

        if (edit.Mask is null)
        {
            return (prepared, null);
        }

        if (!_caps.SupportsMask)
        {
            throw new ArgumentException($"request.Mask (wire 'mask') is not accepted by {model} on {_provider}.", "request.Mask");
        }

        var mask = await ImagePreparation.PrepareAsync(edit.Mask, "request.Mask", "mask", _caps.MaxMaskBytes, cancellationToken).ConfigureAwait(false);
        if (mask.Format != ImageFormat.Png)
        {
            throw new ArgumentException($"request.Mask must be a PNG (it is {mask.Format.Value.ToUpperInvariant()}).", "request.Mask");
        }

        if (!mask.Header.HasAlpha)
        {
            throw new ArgumentException("request.Mask has no alpha channel: its fully transparent pixels mark where to edit, so it needs one (PNG colour type 4 or 6, or a tRNS chunk).", "request.Mask");
        }

        var first = prepared[0].Header;
        if (mask.Header.HasSize && first.HasSize && (mask.Header.Width != first.Width || mask.Header.Height != first.Height))
        {
            throw new ArgumentException(Invariant($"request.Mask is {mask.Header.Width}x{mask.Header.Height} but the first image is {first.Width}x{first.Height}; they must match."), "request.Mask");
        }

        return (prepared, mask);
    }

    /// <summary>Refuses a parameter the model does not take, or (policy Omit) records it as left out.</summary>
    private void Drop(string property, string wire, string model)
    {
        if (_policy == UnsupportedParameterPolicy.Throw)
        {
            throw new ArgumentException(
                $"{property} (wire '{wire}') is not accepted by {model} on {_provider}. Leave it unset, or set ImageGenOptions.UnsupportedParameters to Omit to drop such parameters with a warning.",
                property);
        }

        Omitted.Add(wire);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
