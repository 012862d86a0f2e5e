using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Pikumo.ImageGen.Samples.Snippets;

/// <summary>Code shown in docs/providers.md for Gemini and fal's other models; compiled, not run as a sample.</summary>
internal static class ProviderSnippets
{
    public static void Gemini(IServiceCollection services)
    {
        #region gemini-client
        services.AddPikumoImageGen("gemini", options =>
        {
            options.Provider = ImageProvider.Gemini;                // key from Gemini:ApiKey or GEMINI_API_KEY, sent as x-goog-api-key
            options.Gemini.Model = "gemini-3.1-flash-image";        // Nano Banana 2; any id the API serves
        });
        #endregion
    }

    public static async Task<ImageResult> GeminiEditAsync(ImageGenClient gemini, ImageInput mia, ImageInput kitchen, CancellationToken cancellationToken)
    {
        #region gemini-edit
        var result = await gemini.EditAsync(new ImageEditRequest("Put the woman of image 1 in the kitchen of image 2", mia, kitchen)
        {
            Size = ImageSize.Landscape1536x1024,   // sent as aspectRatio 3:2 and imageSize 1K; the pixels come from the image
            Count = 2,                             // two generateContent calls, in parallel
        }, cancellationToken);
        Console.WriteLine($"{result.Images[0].Format} {result.Images[0].Width}x{result.Images[0].Height}, ${result.Cost?.Usd:0.000}");   // Jpeg by default
        #endregion
        return result;
    }

    public static async Task<ImageResult> FluxEditAsync(ImageGenClient fal, ImageInput mia, CancellationToken cancellationToken)
    {
        #region fal-flux-edit
        var result = await fal.EditAsync(new ImageEditRequest("A photoreal portrait of the woman in image 1", mia)
        {
            Model = "fal-ai/flux-2-pro",       // fal-ai/flux-2-pro/edit, with FLUX.2 [pro]'s own fields
            Size = new ImageSize(1024, 1024),  // image_size {width, height}
            Seed = 42,                         // seed
            ExtraFields = new Dictionary<string, JsonNode?> { ["safety_tolerance"] = 2 },   // written as the string "2" fal's schema wants
        }, cancellationToken);
        #endregion
        return result;
    }
}
