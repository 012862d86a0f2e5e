using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>
/// The request handling both front ends share: route, record, authenticate, inject faults, validate, wait the
/// simulated latency on the <see cref="TimeProvider"/>, draw and answer in the provider's wire format.
/// </summary>
internal sealed partial class SimulatorEngine
{
    private readonly ConcurrentDictionary<string, FalJob> _falJobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredFile> _pendingUploads = new(StringComparer.Ordinal);
    private int _next;

    public SimulatorEngine(SimulatorOptions options, TimeProvider timeProvider)
    {
        Options = options;
        Time = timeProvider;
        Recorder = new SimulatorRecorder();
        Faults = new SimulatorFaults(() => Options.Seed);
    }

    public SimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public SimulatorRecorder Recorder { get; }

    public SimulatorFaults Faults { get; }

    public FileStore Files { get; } = new();

    private ulong Seed => Options.Seed;

    public async Task<SimulatorResponse> HandleAsync(SimulatorRequest request, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _next) - 1;
        var route = RouteMatch.Classify(request.Method, request.Uri);
        if (route.Provider is null)
        {
            // A path no provider has: answer in the shape of the provider the credentials point to.
            route = route with { Provider = GuessProvider(request) };
        }

        using var body = BodyParser.Parse(request, Files);
        var record = new RecordedRequest(
            index, Time.GetUtcNow(), route.Route, route.Provider, request.Method, request.Uri, request.Headers,
            new Dictionary<string, string>(body.Fields, StringComparer.Ordinal), [.. body.Images], body.Mask, request.Body,
            ModelOf(route, body), route.Deployment ?? (route.Route == SimulatorRoute.AzureEdits || route.Route == SimulatorRoute.AzureGenerations ? Field(body, "model") : null),
            route.FalRequestId);
        Recorder.Add(record);
        var response = await DispatchAsync(request, route, body, record, cancellationToken).ConfigureAwait(false);
        record.StatusCode = response.Ending == ResponseEnding.Reset ? null : (HttpStatusCode)response.Status;
        return response;
    }

    private Task<SimulatorResponse> DispatchAsync(SimulatorRequest request, RouteMatch route, ParsedBody body, RecordedRequest record, CancellationToken cancellationToken) =>
        route.Provider switch
        {
            ImageProvider.OpenAI => HandleOpenAIAsync(request, route, body, record, cancellationToken),
            ImageProvider.AzureOpenAI => HandleAzureAsync(request, route, body, record, cancellationToken),
            ImageProvider.Fal => HandleFalAsync(request, route, body, record, cancellationToken),
            ImageProvider.Gemini => HandleGeminiAsync(request, route, body, record, cancellationToken),
            _ => Task.FromResult(SimulatorResponse.Json(404, JsonBody.Object(w => w.WriteString("error", $"No simulated endpoint at {request.Method} {request.Uri.AbsolutePath}. OpenAI lives under /v1/, Azure under /openai/, fal under /fal/, Gemini under /gemini/v1beta/."))))
        };

    /// <summary>The fault a request gets, recorded on it.</summary>
    private SimulatedFault? NextFault(RecordedRequest record)
    {
        var fault = Faults.Next(record);
        record.Fault = fault;
        return fault;
    }

    /// <summary>Waits simulated time; nothing at all when the wait is zero.</summary>
    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, Time, cancellationToken) : Task.CompletedTask;

    private TimeSpan Scaled(TimeSpan value) => value * Math.Max(0, Options.LatencyScale);

    /// <summary>Waits until the caller gives up.</summary>
    private async Task<SimulatorResponse> HangAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, Time, cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Spoils a success answer as the fault says: cut it off halfway, or drip it.</summary>
    private SimulatorResponse ApplyBodyFault(SimulatorResponse response, SimulatedFault? fault)
    {
        switch (fault?.Kind)
        {
            case SimulatedFaultKind.TruncatedBody when response.Chunks is null:
                response.DeclaredLength = response.Body.Length;
                response.Body = response.Body[..(response.Body.Length / 2)];
                response.Ending = ResponseEnding.Truncate;
                break;
            case SimulatedFaultKind.TruncatedBody:
                var events = response.Chunks;
                response.Chunks = ct => FirstHalf(events, ct);
                response.Ending = ResponseEnding.Truncate;
                break;
            case SimulatedFaultKind.SlowDrip:
                var start = response.Body;
                var more = response.Chunks;
                response.DeclaredLength ??= more is null ? start.Length : null;
                response.Body = default;
                response.Chunks = ct => Drip(start, more, fault.DripChunkBytes, fault.DripInterval, ct);
                break;
        }

        return response;
    }

    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> FirstHalf(Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>> chunks, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A stream of events stops in the middle of its first event: enough to show the answer started.
        await foreach (var chunk in chunks(cancellationToken).ConfigureAwait(false))
        {
            yield return chunk[..Math.Max(1, chunk.Length / 2)];
            yield break;
        }
    }

    private async IAsyncEnumerable<ReadOnlyMemory<byte>> Drip(
        ReadOnlyMemory<byte> start, Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>>? more, int size, TimeSpan interval, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < start.Length; offset += size)
        {
            await DelayAsync(interval, cancellationToken).ConfigureAwait(false);
            yield return start.Slice(offset, Math.Min(size, start.Length - offset));
        }

        if (more is null)
        {
            yield break;
        }

        await foreach (var chunk in more(cancellationToken).ConfigureAwait(false))
        {
            for (var offset = 0; offset < chunk.Length; offset += size)
            {
                await DelayAsync(interval, cancellationToken).ConfigureAwait(false);
                yield return chunk.Slice(offset, Math.Min(size, chunk.Length - offset));
            }
        }
    }

    /// <summary>Adds <c>retry-after</c> (whole seconds, rounded up) and <c>retry-after-ms</c>.</summary>
    private static SimulatorResponse WithRetryAfter(SimulatorResponse response, TimeSpan? wait)
    {
        if (wait is { } w)
        {
            response.With("retry-after", Math.Ceiling(w.TotalSeconds).ToString(CultureInfo.InvariantCulture))
                .With("retry-after-ms", Math.Ceiling(w.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    private static ImageProvider? GuessProvider(SimulatorRequest request) =>
        request.Header("x-goog-api-key") is not null ? ImageProvider.Gemini
        : request.Header("api-key") is not null ? ImageProvider.AzureOpenAI
        : request.Header("Authorization") is { } authorization
            ? authorization.StartsWith("Key ", StringComparison.OrdinalIgnoreCase) ? ImageProvider.Fal : ImageProvider.OpenAI
        : null;

    private static string? Field(ParsedBody body, string name) => body.Fields.TryGetValue(name, out var value) ? value : null;

    private string? ModelOf(RouteMatch route, ParsedBody body) => route.Route switch
    {
        SimulatorRoute.OpenAIEdits or SimulatorRoute.OpenAIGenerations => Field(body, "model") ?? DefaultOpenAIModel,
        SimulatorRoute.AzureEdits or SimulatorRoute.AzureGenerations =>
            (route.Deployment ?? Field(body, "model")) is { } deployment && Options.AzureDeployments.TryGetValue(deployment, out var model) ? model : null,
        SimulatorRoute.FalRun or SimulatorRoute.FalSubmit => route.FalEndpoint,
        SimulatorRoute.GeminiGenerateContent => route.GeminiModel,
        _ => null,
    };
}
