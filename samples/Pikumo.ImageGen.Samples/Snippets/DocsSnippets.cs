using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Pikumo.ImageGen.AI;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Transports;
using Pikumo.ImageGen.Transports.Azure;

namespace Pikumo.ImageGen.Samples.Snippets;

/// <summary>
/// Code shown in README.md and docs/: it lives here so it compiles, and a test checks the pages quote it exactly.
/// These methods are not run as samples.
/// </summary>
internal static class DocsSnippets
{
    public static async Task WithoutDependencyInjectionAsync(CancellationToken cancellationToken)
    {
        #region client-without-di
        var options = new ImageGenOptions { Provider = ImageProvider.OpenAI };   // the key comes from OPENAI_API_KEY
        using var client = new ImageGenClient(options);

        ImageResult result = await client.EditAsync(
            new ImageEditRequest("Mia drinks her morning coffee, painted anime", ImageInput.FromFile("mia.png"), ImageInput.FromFile("kitchen.jpg"))
            {
                Count = 4,
                Quality = ImageQuality.Low,
                InputFidelity = InputFidelity.High,
            },
            cancellationToken);

        await result.SaveAllAsync("out", "coffee", cancellationToken: cancellationToken);
        Console.WriteLine($"{result.Images.Count} images, {result.Cost}, {result.Elapsed.TotalSeconds:0.0} s, request {result.RequestId}");
        #endregion
    }

    public static void Register(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        #region di-register
        // appsettings.json: "Pikumo": { "ImageGen": { "Provider": "AzureOpenAI", "Azure": { "Endpoint": "https://my.openai.azure.com/", "Deployment": "gpt-image-2" } } }
        services.AddPikumoImageGen(configuration.GetSection("Pikumo:ImageGen"));   // ImageGenClient, validated at start-up
        services.AddPikumoImageGen("fal", options => options.Provider = ImageProvider.Fal);   // a second provider beside it
        services.AddPikumoImageGenImaging();     // composite slicing (Pikumo.ImageGen.Imaging)
        services.AddPikumoImageGenSequences();   // SequenceRunner over the default client
        #endregion
    }

    public static void AzureEntra(ImageGenOptions options, Func<string[], CancellationToken, ValueTask<(string Token, DateTimeOffset ExpiresOn)>> getToken)
    {
        #region azure-entra
        // With Azure.Identity: var credential = new DefaultAzureCredential();
        // getToken = async (scopes, ct) => { var t = await credential.GetTokenAsync(new TokenRequestContext(scopes), ct); return (t.Token, t.ExpiresOn); };
        options.Provider = ImageProvider.AzureOpenAI;
        options.Azure.Endpoint = new Uri("https://my-resource.openai.azure.com/");
        options.Azure.Deployment = "gpt-image-2";
        options.Azure.TokenProvider = async cancellationToken =>
        {
            var (token, expiresOn) = await getToken([AzureOpenAIProviderOptions.TokenScope], cancellationToken);
            return new AzureAccessToken(token, expiresOn);
        };
        #endregion
    }

    public static void AzureDeploymentRoute(ImageGenOptions options)
    {
        #region azure-deployment-route
        options.Provider = ImageProvider.AzureOpenAI;
        options.Azure.Endpoint = new Uri("https://my-resource.openai.azure.com/");
        options.Azure.Route = AzureOpenAIRoute.Deployment;      // /openai/deployments/{Deployment}/images/edits?api-version=...
        options.Azure.Deployment = "story-images";
        options.Azure.ApiVersion = "2025-04-01-preview";        // the first with image edits; older ones answer 404
        options.ModelAliases["story-images"] = "gpt-image-2";   // capabilities and prices of the model behind the deployment
        #endregion
    }

    public static void FalOptions(ImageGenOptions options)
    {
        #region fal-options
        options.Provider = ImageProvider.Fal;                       // the key comes from FAL_KEY
        options.Fal.EditEndpoint = "openai/gpt-image-2/edit";
        options.Fal.UseQueue = true;                                // submit, poll, fetch; cancelled jobs get a cancel call
        options.Fal.InlineImageLimitBytes = 10 * 1024 * 1024;       // larger references are uploaded to fal's CDN first
        options.Fal.MaxDownloadBytes = 64 * 1024 * 1024;            // result images: public https only, size-capped
        #endregion
    }

    public static async Task HandleErrorsAsync(ImageGenClient client, ImageEditRequest request, CancellationToken cancellationToken)
    {
        #region error-handling
        try
        {
            await client.EditAsync(request, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            Console.WriteLine($"Refused before sending: {ex.ParamName}: {ex.Message}");   // e.g. request.Size
        }
        catch (ImageGenContentPolicyException ex)
        {
            Console.WriteLine($"Blocked ({ex.Stage}): {string.Join(", ", ex.Categories)}; request id {ex.RequestId}");
        }
        catch (ImageGenRateLimitException ex) when (!ex.IsQuotaExhausted)
        {
            Console.WriteLine($"Slow down; the provider asks for {ex.RetryAfter}");
        }
        catch (ImageGenException ex) when (ex.OutcomeUnknown)
        {
            Console.WriteLine($"The provider may have run (and billed) this call; not retried. Request id {ex.RequestId}");
        }
        #endregion
    }

    public static async Task FetchAgainAsync(ImageGenClient falClient, ImageEditRequest request, CancellationToken cancellationToken)
    {
        #region fetch-again
        try
        {
            await falClient.EditAsync(request, cancellationToken);
        }
        catch (ImageGenTimeoutException ex) when (ex.RequestId is not null)
        {
            // The fal job went on running and was paid for: fetch its result instead of submitting again.
            ImageResult result = await falClient.GetResultAsync(ex.RequestId, CancellationToken.None);
        }
        #endregion
    }

    public static void Resilience(ImageGenOptions options)
    {
        #region resilience-options
        options.Timeout = TimeSpan.FromMinutes(10);                   // the whole call, retries included
        options.Resilience.AttemptTimeout = TimeSpan.FromMinutes(5);  // one HTTP attempt (high quality takes minutes)
        options.Resilience.MaxRetryAttempts = 3;                      // 408, 429, 5xx and connections that never opened
        options.Resilience.RetryUnknownOutcomes = false;              // true may pay twice for one image
        options.MaxConcurrentCalls = 8;                               // more calls wait their turn
        options.UnsupportedParameters = UnsupportedParameterPolicy.Omit;   // drop what a model does not take, with a warning
        #endregion
    }

    public static void CustomModel(ImageGenOptions options)
    {
        #region custom-model
        // A model newer than this library: tell validation what it takes; model and size stay free strings.
        options.Models = options.Models.With(ImageModelCatalog.Default.Resolve("gpt-image-2") with
        {
            Model = "gpt-image-3",
            MaxCount = 8,
            Sizes = ImageSizeRules.GptImage2 with { MaxEdge = 4096, MaxPixels = 4096L * 4096 },
        });
        options.Prices = options.Prices.With(ImagePriceTable.AnyProvider, "gpt-image-3", new ImageModelPrice { TextInputPerMillion = 5m, ImageInputPerMillion = 8m, ImageOutputPerMillion = 30m });
        #endregion
    }

    public static void CustomTransport(ImageGenOptions options)
    {
        #region custom-transport
        options.Provider = ImageProvider.Custom;
        options.TransportFactory = services => new MyGatewayTransport();   // derive from ImageTransport
        #endregion
    }

    public static async Task ImageGeneratorAsync(ImageGenClient client, byte[] photo, CancellationToken cancellationToken)
    {
        #region image-generator
        IImageGenerator generator = client.AsImageGenerator();
        ImageGenerationResponse response = await generator.GenerateAsync(
            new Microsoft.Extensions.AI.ImageGenerationRequest("Mia on a rooftop at dusk", [new DataContent(photo, "image/png")]),
            new ImageGenerationOptions { Count = 2, ModelId = "gpt-image-2", AdditionalProperties = new() { ["quality"] = "low" } },
            cancellationToken);
        #endregion
    }

    private sealed class MyGatewayTransport : ImageTransport
    {
        public override string ProviderName => "my-gateway";

        public override Task<ImageResult> SendAsync(ImageTransportRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException("illustration only");
    }
}
