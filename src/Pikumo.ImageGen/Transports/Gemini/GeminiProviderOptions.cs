namespace Pikumo.ImageGen.Transports.Gemini;

/// <summary>Settings for Google's Gemini API (native image output, "Nano Banana").</summary>
public sealed class GeminiProviderOptions : ICopyableOptions
{
    /// <summary>The key, sent as the <c>x-goog-api-key</c> header (never in the URL). Falls back to <c>GEMINI_API_KEY</c>, then <c>GOOGLE_API_KEY</c>. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API root; calls go to <c>{BaseAddress}models/{model}:generateContent</c>.</summary>
    /// <value>Default <c>https://generativelanguage.googleapis.com/v1beta/</c>.</value>
    public Uri BaseAddress { get; set; } = new("https://generativelanguage.googleapis.com/v1beta/");

    /// <summary>
    /// The model used when a request names none. Model ids move (the 3.1 Flash Image preview id was shut down in 2026), so
    /// any id is accepted; the capability table knows <c>gemini-3.1-flash-image</c>, <c>gemini-nano-banana-2.1</c>,
    /// <c>gemini-3-pro-image</c> and <c>gemini-2.5-flash-image</c>.
    /// </summary>
    /// <value>Default <c>gemini-3.1-flash-image</c> (Nano Banana 2).</value>
    public string Model { get; set; } = "gemini-3.1-flash-image";

    /// <summary>Whether the model may answer text beside the image (<c>responseModalities: ["TEXT","IMAGE"]</c>, the documented form) rather than the image only.</summary>
    /// <value>Default <see langword="true"/>; the text is kept in <see cref="ImageResult.ProviderMetadata"/> (<c>gemini.text</c>).</value>
    public bool IncludeText { get; set; } = true;

    /// <summary>
    /// Gemini makes one image per call (<c>candidateCount</c> is 1): a request for n images is sent as n calls, at most this
    /// many at once (the client's <see cref="ImageGenOptions.MaxConcurrentCalls"/> still bounds whole requests).
    /// </summary>
    /// <value>Default 4; 1–64.</value>
    public int MaxParallelCalls { get; set; } = 4;

    /// <summary>
    /// How much the model thinks before it draws (<c>generationConfig.thinkingConfig.thinkingLevel</c>): <c>minimal</c> or
    /// <c>high</c> on 3.1 Flash Image, also <c>medium</c> on 2.1 (its default). A model whose sources name no levels gets
    /// the call refused before it is sent.
    /// </summary>
    /// <value>Default <see langword="null"/>: not sent (the model's default).</value>
    public string? ThinkingLevel { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"Gemini {{ BaseAddress = {Secrets.Address(BaseAddress)}, Model = {Model}, ApiKey = {Secrets.Describe(ApiKey)} }}";

    /// <inheritdoc />
    object ICopyableOptions.CopyOptions() => MemberwiseClone();
}
