using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Telemetry;
using Polly.Timeout;

namespace Pikumo.ImageGen;

/// <summary>
/// The resilience pipeline of an image client's HttpClient (Polly v8 via Microsoft.Extensions.Http.Resilience):
/// retry (outermost), circuit breaker, per-attempt timeout. Only outcomes that prove the provider did not run
/// the request are retried, so a paid call is not paid twice.
/// </summary>
internal static class ImageGenResilience
{
    private static readonly HashSet<HttpStatusCode> RetryableStatus =
    [
        HttpStatusCode.RequestTimeout,
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    ];

    /// <summary>
    /// Adds the strategies. <paramref name="gatewaysMayHaveRun"/>: whether a gateway's 502, 504 or HTML 5xx page may come
    /// after the request was passed on (OpenAI, Azure); fal's queue submit answers before a job exists, so it may retry them.
    /// </summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ImageGenResilienceOptions options, TimeProvider timeProvider, ILogger logger, bool gatewaysMayHaveRun = true)
    {
        builder.TimeProvider = timeProvider;
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context, options.RetryUnknownOutcomes, gatewaysMayHaveRun),
                DelayGenerator = args =>
                {
                    var asked = args.Outcome.Result is { } response ? ResponseHeaders.RetryAfter(response.Headers, timeProvider) : null;
                    return ValueTask.FromResult(asked is { } wait ? (TimeSpan?)(wait > options.MaxDelay ? options.MaxDelay : wait) : null);
                },
                OnRetry = args =>
                {
                    var provider = args.Context.GetRequestMessage()?.RequestUri?.Host ?? "provider";
                    var reason = args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "unknown";
                    Log.Retrying(logger, provider, args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, reason);
                    Internal.ImageCallObserver.Retrying(args.RetryDelay, args.AttemptNumber + 2, reason);
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (options.CircuitBreakerEnabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(CountsAsFailure(args.Outcome)),
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    /// <summary>
    /// The pipeline's telemetry: the host's <see cref="TelemetryOptions"/> (loggers, enrichers, listeners) with one
    /// change, so a healthy app's log is not one Information line per call: Polly's <c>ExecutionAttempt</c> event for
    /// an attempt that needs no retry is reported at Debug. A handled (retried) attempt keeps Polly's Warning and a
    /// final failed one its Error; retries are also logged by the library itself.
    /// </summary>
    public static void ConfigureTelemetry(ResiliencePipelineBuilderBase builder, TelemetryOptions? hostOptions, ILoggerFactory? loggerFactory)
    {
        var telemetry = hostOptions is null ? new TelemetryOptions() : new TelemetryOptions(hostOptions);
        if (hostOptions is null && loggerFactory is not null)
        {
            telemetry.LoggerFactory = loggerFactory;
        }

        var inner = telemetry.SeverityProvider;
        telemetry.SeverityProvider = args => Severity(args, inner);
        builder.ConfigureTelemetry(telemetry);
    }

    /// <summary>The severity of a resilience event: a successful (unhandled) execution attempt is Debug.</summary>
    internal static ResilienceEventSeverity Severity(SeverityProviderArguments args, Func<SeverityProviderArguments, ResilienceEventSeverity>? inner)
    {
        var severity = inner?.Invoke(args) ?? args.Event.Severity;
        return args.Event.EventName == "ExecutionAttempt" && severity == ResilienceEventSeverity.Information ? ResilienceEventSeverity.Debug : severity;
    }

    /// <summary>Whether an outcome proves the request did not run, so repeating it cannot bill twice.</summary>
    internal static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context, bool retryUnknownOutcomes, bool gatewaysMayHaveRun = true)
    {
        if (context.GetRequestMessage()?.Content is MultipartFormContent { IsReplayable: false })
        {
            return false; // a non-seekable reference stream cannot be sent again
        }

        if (outcome.Result is { } response)
        {
            if (!RetryableStatus.Contains(response.StatusCode))
            {
                return false;
            }

            if (gatewaysMayHaveRun && ProviderErrors.IsGatewayAnswer(response))
            {
                return retryUnknownOutcomes; // a gateway may have passed the request on: the provider may be running it
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests)
            {
                return true;
            }

            // A 429 for an exhausted quota does not clear by waiting.
            await response.Content.LoadIntoBufferAsync(context.CancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(context.CancellationToken).ConfigureAwait(false);
            return !body.Contains("insufficient_quota", StringComparison.Ordinal);
        }

        return outcome.Exception switch
        {
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError } => true,
            HttpRequestException or TimeoutRejectedException => retryUnknownOutcomes,
            _ => false,
        };
    }

    private static bool CountsAsFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500,
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        _ => false,
    };
}
