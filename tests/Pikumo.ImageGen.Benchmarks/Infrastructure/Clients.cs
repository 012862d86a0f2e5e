using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Images;

namespace Pikumo.ImageGen.Benchmarks.Infrastructure;

/// <summary>The three clients under comparison, each pointed at a loopback server, with retries off.</summary>
internal static class Clients
{
    public const string ApiKey = "sk-bench-0123456789abcdef";
    public const string Model = "gpt-image-2";

    /// <summary>This library's client: its own HttpClient (resilience pipeline, rate-limit gate, pooled sockets).</summary>
    public static ImageGenClient Pikumo(Uri baseAddress, int maxConcurrentCalls = 8)
    {
        var options = new ImageGenOptions { UseEnvironmentVariables = false, MaxConcurrentCalls = maxConcurrentCalls };
        options.OpenAI.ApiKey = ApiKey;
        options.OpenAI.BaseAddress = baseAddress;
        options.Resilience.MaxRetryAttempts = 0;
        return new ImageGenClient(options);
    }

    /// <summary>The official OpenAI SDK's image client (System.ClientModel pipeline), retries off.</summary>
    public static ImageClient OpenAISdk(Uri baseAddress) =>
        new(Model, new ApiKeyCredential(ApiKey), new OpenAIClientOptions
        {
            Endpoint = baseAddress,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromMinutes(10),
        });

    public static FloorClient Floor(Uri baseAddress) => FloorClient.Create(baseAddress, ApiKey);

    public static ImageSize ParseSize(string size) => size switch
    {
        "1024x1024" => ImageSize.Square1024,
        "1536x1024" => ImageSize.Landscape1536x1024,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "1024x1024 or 1536x1024"),
    };

    public static GeneratedImageSize SdkSize(string size) => size switch
    {
        "1024x1024" => GeneratedImageSize.W1024xH1024,
        "1536x1024" => GeneratedImageSize.W1536xH1024,
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, "1024x1024 or 1536x1024"),
    };
}
