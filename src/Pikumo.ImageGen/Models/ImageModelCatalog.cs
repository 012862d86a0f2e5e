using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Pikumo.ImageGen;

/// <summary>
/// The capability table: one <see cref="ImageModelCapabilities"/> per model id. A dated snapshot
/// (<c>gpt-image-2-2026-04-21</c>) resolves to its model's entry; a model the catalog does not know gets
/// <see cref="Fallback"/> (permissive: only the universal limits apply, and the provider has the last word).
/// Immutable; <see cref="With(ImageModelCapabilities[])"/> returns a copy with entries added or replaced.
/// </summary>
public sealed partial class ImageModelCatalog
{
    private readonly FrozenDictionary<string, ImageModelCapabilities> _models;

    /// <summary>Creates a catalog.</summary>
    /// <param name="models">The entries; a later entry for the same model wins.</param>
    /// <param name="fallback">The entry for unknown models, or <see langword="null"/> for the permissive default.</param>
    public ImageModelCatalog(IEnumerable<ImageModelCapabilities> models, ImageModelCapabilities? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        var map = new Dictionary<string, ImageModelCapabilities>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in models)
        {
            ArgumentNullException.ThrowIfNull(model, nameof(models));
            map[model.Model] = model;
        }

        _models = map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Fallback = fallback ?? Permissive("*");
    }

    /// <summary>gpt-image-2, gpt-image-1.5, gpt-image-1, gpt-image-1-mini, chatgpt-image-latest and dall-e-2, as documented in OpenAI's API reference.</summary>
    /// <remarks>
    /// Sources, cited per limit below: [OAS] OpenAI's OpenAPI description (openai/openai-openapi, openapi.yaml at
    /// f85dbe22, 2026-08-21), components <c>CreateImageEditRequest</c>, <c>CreateImageRequest</c>, <c>InputFidelity</c>,
    /// <c>PartialImages</c>. The defaults of <see cref="ImageModelCapabilities"/> are the GPT image models' limits:
    /// 16 references under 50 MB each in png/webp/jpg [OAS image]; mask PNG under 4 MB, same size as the first image
    /// [OAS mask]; prompt up to 32,000 characters [OAS prompt]; n 1–10 [OAS n: minimum 1, maximum 10]; sizes
    /// 1024x1024, 1536x1024, 1024x1536 and auto [OAS size]; quality low/medium/high/auto [OAS quality];
    /// output_format png/jpeg/webp, output_compression 0–100 for jpeg/webp [OAS]; background transparent/opaque/auto,
    /// transparent needs png or webp [OAS background]; partial_images 0–3 [OAS PartialImages]; input_fidelity
    /// high/low [OAS InputFidelity]. The conformance tests (tests/Pikumo.ImageGen.Conformance.Tests) check these
    /// against the vendored description in both directions; docs/providers.md lists where the table departs from it.
    /// </remarks>
    public static ImageModelCatalog Default { get; } = new(
    [
        // Beyond gpt-image: Gemini's image models (Transports/Gemini/GeminiModels.cs) and fal's FLUX.2 and Nano Banana
        // endpoints (Transports/Fal/FalModels.cs), each with its sources.
        .. Transports.Gemini.GeminiModels.Capabilities,
        .. Transports.Fal.FalModels.Capabilities,

        new ImageModelCapabilities
        {
            Model = "gpt-image-2",

            // [OAS size] "arbitrary resolutions ... divisible by 16 ... aspect ratio between 1:3 and 3:1 ... maximum
            // supported resolution is 3840x2160". The 655,360-pixel floor is fal's stated rule (fal-js GptImage2Input):
            // OpenAI only says "the model's current pixel and edge limits" without numbers (docs/providers.md).
            Sizes = ImageSizeRules.GptImage2,

            // [OAS background] "For gpt-image-2 and gpt-image-2-2026-04-21, this support is in preview."
            Transparency = TransparencySupport.Preview,

            // n: the description's 10, not the seeds' 8 ("n=8, # up to 8" in a seed script is a caller's choice and
            // the 8-frame coherence ceiling is CoherenceCeiling, a different limit). input_fidelity: [OAS
            // InputFidelity] "gpt-image-1 and gpt-image-1.5 and later models", so accepted on gpt-image-2 (the seeds
            // sent high on Azure gpt-image-2); third-party claims that it is implicit there are unconfirmed.
        },

        // [OAS InputFidelity] "supported for gpt-image-1 and gpt-image-1.5 and later models".
        new ImageModelCapabilities { Model = "gpt-image-1.5" },
        new ImageModelCapabilities { Model = "gpt-image-1" },

        // [OAS InputFidelity] "unsupported for gpt-image-1-mini".
        new ImageModelCapabilities { Model = "gpt-image-1-mini", SupportsInputFidelity = false },

        // [OAS model] on the edit request: "chatgpt-image-latest follows the same input constraints as GPT image
        // models". CreateImageRequest's model enum does not list it (any string is allowed): generations kept on.
        new ImageModelCapabilities { Model = "chatgpt-image-latest" },

        // [OAS] dall-e-2: one square png under 4 MB [image], prompt 1,000 characters [prompt], 256/512/1024 squares
        // [size], quality standard only [CreateImageRequest quality], no GPT-only fields, response_format needed
        // for bytes (URLs are its default) [response_format].
        new ImageModelCapabilities
        {
            Model = "dall-e-2",
            MaxReferenceImages = 1,
            MaxReferenceImageBytes = 4L * 1024 * 1024,
            ReferenceFormats = [ImageFormat.Png],
            RequiresSquareReference = true,
            MaxPromptLength = 1000,
            Sizes = ImageSizeRules.DallE2,
            Qualities = [ImageQuality.Standard],
            SupportsInputFidelity = false,
            SupportsBackground = false,
            Transparency = TransparencySupport.None,
            OutputFormats = [],
            SupportsOutputCompression = false,
            SupportsModeration = false,
            SupportsStreaming = false,
            MaxPartialImages = 0,
            RequiresResponseFormat = true,
        },
    ]);

    /// <summary>The entry used for models the catalog does not know.</summary>
    public ImageModelCapabilities Fallback { get; }

    /// <summary>The known entries.</summary>
    public IEnumerable<ImageModelCapabilities> Models => _models.Values;

    /// <summary>The permissive entry: any size, every field, 16 references, n up to 10.</summary>
    /// <param name="model">The model id.</param>
    /// <returns>The entry.</returns>
    public static ImageModelCapabilities Permissive(string model) => new()
    {
        Model = model,
        Sizes = ImageSizeRules.Any,
        Qualities = [ImageQuality.Low, ImageQuality.Medium, ImageQuality.High, ImageQuality.Auto, ImageQuality.Standard],
        Transparency = TransparencySupport.Preview,
    };

    /// <summary>Whether the catalog has an entry for the model (directly or as a dated snapshot).</summary>
    /// <param name="model">The model id.</param>
    /// <returns>True when known.</returns>
    public bool Contains(string model) => Find(model) is not null;

    /// <summary>The entry for a model, or <see cref="Fallback"/> (with <see cref="ImageModelCapabilities.Model"/> set to the id) when unknown.</summary>
    /// <param name="model">The model id.</param>
    /// <returns>The capabilities.</returns>
    public ImageModelCapabilities Resolve(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return Find(model) ?? Fallback with { Model = model };
    }

    /// <summary>A copy with entries added or replaced.</summary>
    /// <param name="models">The entries.</param>
    /// <returns>The new catalog.</returns>
    public ImageModelCatalog With(params ImageModelCapabilities[] models) => new(_models.Values.Concat(models), Fallback);

    private ImageModelCapabilities? Find(string model)
    {
        if (_models.TryGetValue(model, out var entry))
        {
            return entry;
        }

        var snapshot = DatedSnapshot().Match(model);
        return snapshot.Success && _models.TryGetValue(snapshot.Groups[1].Value, out entry) ? entry : null;
    }

    [GeneratedRegex(@"^(.+)-\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex DatedSnapshot();
}
