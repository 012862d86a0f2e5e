using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Images;

namespace Pikumo.ImageGen.Benchmarks.Infrastructure;

/// <summary>
/// The three clients under comparison, each pointed at a loopback server, with retries off. With
/// <c>recordSizedReads</c> each gets its response body at most 16 KB per read, as over HTTPS.
/// </summary>
internal static class BenchmarkClients
{
    public const string ApiKey = "bench-openai-key-0123456789abcdef";
    public const string Model = "gpt-image-2";

    /// <summary>This library's client: its own HttpClient (resilience pipeline, rate-limit gate, pooled sockets).</summary>
    public static ImageGenClient Pikumo(Uri baseAddress, int maxConcurrentCalls = 8, bool recordSizedReads = false)
    {
        var options = new ImageGenOptions { UseEnvironmentVariables = false, MaxConcurrentCalls = maxConcurrentCalls };
        options.OpenAI.ApiKey = ApiKey;
        options.OpenAI.BaseAddress = baseAddress;
        options.Resilience.MaxRetryAttempts = 0;
        if (!recordSizedReads)
        {
            return new ImageGenClient(options);
        }

        // The same pipeline the client builds for itself, over a primary handler that reads like TLS.
        var http = ImageGenClient.CreateHttpClient(options, new RecordSizedReadsHandler(ImageGenHttpClients.CreatePrimaryHandler()));
        return new OwningClient(options, http);
    }

    /// <summary>The official OpenAI SDK's image client (System.ClientModel pipeline), retries off.</summary>
    public static ImageClient OpenAISdk(Uri baseAddress, bool recordSizedReads = false)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = baseAddress,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = TimeSpan.FromMinutes(10),
        };
        if (recordSizedReads)
        {
            options.Transport = new HttpClientPipelineTransport(new HttpClient(new RecordSizedReadsHandler(new SocketsHttpHandler())));
        }

        return new ImageClient(Model, new ApiKeyCredential(ApiKey), options);
    }

    public static FloorClient Floor(Uri baseAddress, bool recordSizedReads = false)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        var http = new HttpClient(recordSizedReads ? new RecordSizedReadsHandler(handler) : handler) { Timeout = Timeout.InfiniteTimeSpan };
        return new FloorClient(http, baseAddress, ApiKey);
    }

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

    /// <summary>A client that disposes the HttpClient it was given.</summary>
    private sealed class OwningClient : ImageGenClient
    {
        private readonly HttpClient _http;

        public OwningClient(ImageGenOptions options, HttpClient http)
            : base(options, http)
        {
            _http = http;
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                _http.Dispose();
            }
        }
    }
}
