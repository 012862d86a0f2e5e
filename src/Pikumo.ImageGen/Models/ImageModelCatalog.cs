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
    public static ImageModelCatalog Default { get; } = new(
    [
        new ImageModelCapabilities
        {
            Model = "gpt-image-2",
            Sizes = ImageSizeRules.GptImage2,
            Transparency = TransparencySupport.Preview,
        },
        new ImageModelCapabilities { Model = "gpt-image-1.5" },
        new ImageModelCapabilities { Model = "gpt-image-1" },
        new ImageModelCapabilities { Model = "gpt-image-1-mini", SupportsInputFidelity = false },
        new ImageModelCapabilities { Model = "chatgpt-image-latest" },
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
