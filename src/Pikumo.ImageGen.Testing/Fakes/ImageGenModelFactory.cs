using System.Globalization;
using Pikumo.ImageGen.Testing.Imaging;

namespace Pikumo.ImageGen.Testing;

/// <summary>
/// Builds the library's result objects for your own unit tests, with sensible defaults for every value you do not
/// care about: an <see cref="ImageResult"/> with real PNG images, usage, cost and a request id; a
/// <see cref="GeneratedImage"/> of a given size; an <see cref="ImageStreamUpdate"/>. No call, no simulator.
/// </summary>
public static class ImageGenModelFactory
{
    /// <summary>A small, valid PNG of one colour: what <see cref="GeneratedImage"/> holds when given no bytes.</summary>
    /// <param name="width">Width in pixels (1–4096).</param>
    /// <param name="height">Height in pixels (1–4096).</param>
    /// <param name="seed">Picks the colour, so images with different seeds have different bytes.</param>
    /// <returns>The encoded PNG.</returns>
    public static byte[] Png(int width = 64, int height = 64, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 4096);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 4096);
        var pixels = new byte[width * height * 3];
        var (r, g, b) = ((byte)(90 + (seed * 53 % 160)), (byte)(120 + (seed * 29 % 120)), (byte)(150 + (seed * 17 % 100)));
        for (var i = 0; i < pixels.Length; i += 3)
        {
            pixels[i] = r;
            pixels[i + 1] = g;
            pixels[i + 2] = b;
        }

        return PngEncoder.Encode(width, height, pixels);
    }

    /// <summary>An image as a call returns it.</summary>
    /// <param name="index">Its 0-based position in the result.</param>
    /// <param name="data">The encoded bytes; a <paramref name="width"/> × <paramref name="height"/> PNG when <see langword="null"/>.</param>
    /// <param name="width">The PNG's width when <paramref name="data"/> is <see langword="null"/>.</param>
    /// <param name="height">The PNG's height when <paramref name="data"/> is <see langword="null"/>.</param>
    /// <param name="revisedPrompt">The prompt the provider says it used.</param>
    /// <param name="sourceUrl">Where the bytes came from (fal).</param>
    /// <returns>The image.</returns>
    public static GeneratedImage GeneratedImage(int index = 0, byte[]? data = null, int width = 64, int height = 64, string? revisedPrompt = null, string? sourceUrl = null) =>
        new(index, data ?? Png(width, height, index), revisedPrompt, sourceUrl);

    /// <summary>Token usage, with the totals added up from the parts.</summary>
    /// <param name="inputTextTokens">Prompt tokens.</param>
    /// <param name="inputImageTokens">Reference image tokens.</param>
    /// <param name="outputImageTokens">Generated image tokens.</param>
    /// <param name="outputTextTokens">Generated text tokens (rarely any).</param>
    /// <returns>The usage.</returns>
    public static ImageUsage ImageUsage(long inputTextTokens = 50, long inputImageTokens = 0, long outputImageTokens = 272, long outputTextTokens = 0) => new()
    {
        InputTextTokens = inputTextTokens,
        InputImageTokens = inputImageTokens,
        InputTokens = inputTextTokens + inputImageTokens,
        OutputImageTokens = outputImageTokens,
        OutputTextTokens = outputTextTokens,
        OutputTokens = outputImageTokens + outputTextTokens,
        TotalTokens = inputTextTokens + inputImageTokens + outputImageTokens + outputTextTokens,
    };

    /// <summary>
    /// A call's result. Every argument is optional: by default one 64×64 PNG, usage of a small low-quality call,
    /// a cost of $0.011 from usage, one second, request id <c>req_test_0001</c>, provider <c>openai</c>, model
    /// <c>gpt-image-2</c>.
    /// </summary>
    /// <param name="images">The images; <paramref name="imageCount"/> generated PNGs when <see langword="null"/>.</param>
    /// <param name="imageCount">How many PNGs to make when <paramref name="images"/> is <see langword="null"/>.</param>
    /// <param name="usage">Token usage; <see cref="ImageUsage"/>'s defaults when <see langword="null"/>.</param>
    /// <param name="cost">The cost; $0.011 from usage when <see langword="null"/>.</param>
    /// <param name="elapsed">Wall-clock time; one second when <see langword="null"/>.</param>
    /// <param name="requestId">The provider's request id.</param>
    /// <param name="provider">The provider name (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>).</param>
    /// <param name="model">The model or deployment.</param>
    /// <param name="size">The size the provider echoes.</param>
    /// <param name="quality">The quality the provider echoes.</param>
    /// <param name="omittedParameters">Wire parameters the client left out.</param>
    /// <param name="providerMetadata">Provider facts such as fal's <c>response_url</c>.</param>
    /// <returns>The result.</returns>
    public static ImageResult ImageResult(
        IEnumerable<GeneratedImage>? images = null,
        int imageCount = 1,
        ImageUsage? usage = null,
        ImageCost? cost = null,
        TimeSpan? elapsed = null,
        string? requestId = "req_test_0001",
        string provider = "openai",
        string model = "gpt-image-2",
        ImageSize? size = null,
        ImageQuality? quality = null,
        IEnumerable<string>? omittedParameters = null,
        IReadOnlyDictionary<string, string>? providerMetadata = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(imageCount);
        return new ImageResult
        {
            Images = images is null ? [.. Enumerable.Range(0, imageCount).Select(i => GeneratedImage(i))] : [.. images],
            Usage = usage ?? ImageUsage(),
            Cost = cost ?? new ImageCost(0.011m, ImageCostBasis.Usage),
            Elapsed = elapsed ?? TimeSpan.FromSeconds(1),
            RequestId = requestId,
            Provider = provider,
            Model = model,
            Size = size,
            Quality = quality,
            OmittedParameters = omittedParameters is null ? [] : [.. omittedParameters],
            ProviderMetadata = providerMetadata ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };
    }

    /// <summary>A streamed update: a partial image, or the final one with usage and cost.</summary>
    /// <param name="kind">Partial or completed.</param>
    /// <param name="image">The image; a 64×64 PNG when <see langword="null"/>.</param>
    /// <param name="partialImageIndex">The partial image's index (partials only; 0 when <see langword="null"/>).</param>
    /// <param name="usage">Usage (final images).</param>
    /// <param name="cost">Cost (final images).</param>
    /// <param name="elapsed">Time since the call started.</param>
    /// <param name="requestId">The provider's request id.</param>
    /// <returns>The update.</returns>
    public static ImageStreamUpdate ImageStreamUpdate(
        ImageStreamUpdateKind kind = ImageStreamUpdateKind.Completed,
        GeneratedImage? image = null,
        int? partialImageIndex = null,
        ImageUsage? usage = null,
        ImageCost? cost = null,
        TimeSpan elapsed = default,
        string? requestId = "req_test_0001") => new()
        {
            Kind = kind,
            Image = image ?? GeneratedImage(),
            PartialImageIndex = kind == ImageStreamUpdateKind.Partial ? partialImageIndex ?? 0 : partialImageIndex,
            Usage = usage,
            Cost = cost,
            Elapsed = elapsed,
            RequestId = requestId,
        };

    /// <summary>The pixel size a request asks for, or 1024×1024 for <c>auto</c> and none.</summary>
    internal static (int Width, int Height) SizeOf(ImageSize? size) =>
        size is { IsAuto: false } s ? (s.Width, s.Height) : (1024, 1024);

    /// <summary>A request id for the n-th call of a fake.</summary>
    internal static string RequestId(int call) => string.Create(CultureInfo.InvariantCulture, $"req_fake_{call:0000}");
}
