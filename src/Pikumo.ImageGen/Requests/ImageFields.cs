namespace Pikumo.ImageGen;

/// <summary>
/// Every request field, in wire order: the single description of the fields (see <see cref="ImageField"/>). Adding a
/// field means a property on the request, an entry here and, if a model may lack it, a capability flag.
/// </summary>
internal static class ImageFields
{
    public static ImageField Model { get; } = new() { Property = "request.Model", Wire = "model", Read = static r => r.Model };

    public static ImageField Prompt { get; } = new() { Property = "request.Prompt", Wire = "prompt", FalWire = "prompt", Read = static r => r.Prompt };

    public static ImageField Count { get; } = new() { Property = "request.Count", Wire = "n", FalWire = "num_images", Kind = WireKind.Integer, Read = static r => r.Request.Count };

    public static ImageField Size { get; } = new() { Property = "request.Size", Wire = "size", FalWire = "image_size", Kind = WireKind.Size, Read = static r => r.Request.Size };

    public static ImageField Quality { get; } = new()
    {
        Property = "request.Quality", Wire = "quality", FalWire = "quality",
        Read = static r => r.Request.Quality?.Value,
        Supported = static c => c.Qualities.Count > 0,
        Disable = static c => c with { Qualities = [] },
        Clear = static r => r with { Quality = null },
    };

    public static ImageField Background { get; } = new()
    {
        Property = "request.Background", Wire = "background",
        Read = static r => r.Request.Background?.Value,
        Supported = static c => c.SupportsBackground,
        Disable = static c => c with { SupportsBackground = false, Transparency = TransparencySupport.None },
        Clear = static r => r with { Background = null },
    };

    public static ImageField OutputFormat { get; } = new()
    {
        Property = "request.OutputFormat", Wire = "output_format", FalWire = "output_format",
        Read = static r => r.Request.OutputFormat?.Value,
        Supported = static c => c.OutputFormats.Count > 0,
        Disable = static c => c with { OutputFormats = [] },
        Clear = static r => r with { OutputFormat = null },
    };

    public static ImageField OutputCompression { get; } = new()
    {
        Property = "request.OutputCompression", Wire = "output_compression", Kind = WireKind.Integer,
        Read = static r => r.Request.OutputCompression,
        Supported = static c => c.SupportsOutputCompression,
        Disable = static c => c with { SupportsOutputCompression = false },
        Clear = static r => r with { OutputCompression = null },
    };

    public static ImageField Moderation { get; } = new()
    {
        Property = "request.Moderation", Wire = "moderation",
        Read = static r => r.Request.Moderation?.Value,
        Supported = static c => c.SupportsModeration,
        Disable = static c => c with { SupportsModeration = false },
        Clear = static r => r with { Moderation = null },
    };

    public static ImageField InputFidelity { get; } = new()
    {
        Property = "request.InputFidelity", Wire = "input_fidelity",
        Read = static r => r.InputFidelity?.Value,
        Supported = static c => c.SupportsInputFidelity,
        Disable = static c => c with { SupportsInputFidelity = false },
        Clear = static r => r is ImageEditRequest edit ? edit with { InputFidelity = null } : r,
        IsDefault = static r => r is ImageEditRequest { InputFidelityIsDefault: true },
    };

    public static ImageField User { get; } = new()
    {
        Property = "request.User", Wire = "user",
        Read = static r => r.Request.User,
        Supported = static c => c.SupportsUser,
        Disable = static c => c with { SupportsUser = false },
        Clear = static r => r with { User = null },
    };

    /// <summary><c>stream: true</c> on streaming calls; whether a model streams is checked before any field (it is not an omission).</summary>
    public static ImageField Stream { get; } = new() { Property = "request", Wire = "stream", Kind = WireKind.Flag, Read = static r => r.Stream ? true : null };

    /// <summary>Sent only on streaming calls (after <c>stream</c>); not covered by the policy: asking for partial images where there are none is an error.</summary>
    public static ImageField PartialImages { get; } = new()
    {
        Property = "request.PartialImages", Wire = "partial_images", Kind = WireKind.Integer,
        Read = static r => r.Stream ? r.Request.PartialImages : null,
        Supported = static c => c.SupportsStreaming,
        Disable = static c => c with { SupportsStreaming = false, MaxPartialImages = 0 },
    };

    /// <summary><c>response_format: b64_json</c> for models that answer with URLs unless asked (dall-e-2).</summary>
    public static ImageField ResponseFormat { get; } = new()
    {
        Property = "request", Wire = "response_format",
        Read = static r => r.Capabilities.RequiresResponseFormat ? "b64_json" : null,
        Disable = static c => c with { RequiresResponseFormat = false },
    };

    /// <summary>The random seed: FLUX.2 and Nano Banana on fal (fal's gpt-image endpoints have none, so its <see cref="ImageField.FalWire"/> is unset).</summary>
    public static ImageField Seed { get; } = new()
    {
        Property = "request.Seed", Wire = "seed", OnOpenAI = false, Kind = WireKind.Integer,
        Read = static r => r.Request.Seed,
        Supported = static c => c.SupportsSeed,
        Disable = static c => c with { SupportsSeed = false },
        Clear = static r => r with { Seed = null },
    };

    /// <summary>How strictly to follow the prompt: FLUX.2 flex, dev and turbo on fal.</summary>
    public static ImageField GuidanceScale { get; } = new()
    {
        Property = "request.GuidanceScale", Wire = "guidance_scale", OnOpenAI = false, Kind = WireKind.Number,
        Read = static r => r.Request.GuidanceScale,
        Supported = static c => c.SupportsGuidanceScale,
        Disable = static c => c with { SupportsGuidanceScale = false },
        Clear = static r => r with { GuidanceScale = null },
    };

    /// <summary>Raw JSON fields, written last as they are (JSON-bodied providers: fal); not a wire name of its own.</summary>
    public static ImageField ExtraFields { get; } = new()
    {
        Property = "request.ExtraFields", Wire = "(raw fields)", OnOpenAI = false,
        Read = static r => r.Request.ExtraFields is { Count: > 0 } fields ? fields : null,
        Supported = static c => c.SupportsExtraFields,
        Disable = static c => c with { SupportsExtraFields = false },
        Clear = static r => r with { ExtraFields = null },
    };

    /// <summary>The fields in wire order.</summary>
    public static IReadOnlyList<ImageField> All { get; } =
        [Model, Prompt, Count, Quality, Size, Background, OutputFormat, OutputCompression, Moderation, InputFidelity, User, Stream, PartialImages, ResponseFormat, Seed, GuidanceScale, ExtraFields];

    /// <summary>The fields a dialect sends for a call, in wire order, with their values; unset fields are left out.</summary>
    public static IEnumerable<(ImageField Field, string Name, object Value)> ToSend(ValidatedImageRequest request, WireDialect dialect)
    {
        foreach (var field in All)
        {
            if (field.WireIn(dialect) is { } name && field.Read(request) is { } value)
            {
                yield return (field, name, value);
            }
        }
    }

    /// <summary>A value as text (a multipart part, a JSON string).</summary>
    public static string Text(object value) => value switch
    {
        string text => text,
        int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        long number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        double number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A provider's capabilities narrowed to the fields its dialect has a wire name for.</summary>
    public static ImageModelCapabilities Restrict(ImageModelCapabilities capabilities, WireDialect dialect) =>
        Restrict(capabilities, field => field.WireIn(dialect) is not null);

    /// <summary>
    /// Capabilities narrowed to the fields a provider's or model's own field table takes (<paramref name="takes"/>): every
    /// other field's capability is turned off, so validation refuses or leaves it out before the call.
    /// </summary>
    public static ImageModelCapabilities Restrict(ImageModelCapabilities capabilities, Func<ImageField, bool> takes)
    {
        foreach (var field in All)
        {
            if (!takes(field) && field.Disable is { } disable)
            {
                capabilities = disable(capabilities);
            }
        }

        return capabilities;
    }
}
