using System.Diagnostics;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen;

/// <content>The one scope every call runs in: edits, generations and both streaming calls.</content>
public partial class ImageGenClient
{
    /// <summary>
    /// A call from the concurrency gate to its outcome: the whole-call timeout (<see cref="ImageGenOptions.Timeout"/>, which
    /// also bounds the wait at the gate) and its mapping to <see cref="ImageGenTimeoutException"/>, the span, the metrics
    /// (duration, images, cost, tokens), the log line of each outcome, and the cost and timing stamped on what is returned.
    /// </summary>
    private sealed class CallScope : IDisposable
    {
        private readonly ImageGenClient _client;
        private readonly CancellationToken _caller;
        private readonly CancellationTokenSource _timeout;
        private readonly CancellationTokenSource _linked;
        private readonly Activity? _activity;
        private readonly long _start;
        private readonly PreparedCall _prepared;
        private readonly List<GeneratedImage> _streamed = [];
        private ImageUsage? _streamedUsage;
        private ImageCost? _streamedCost;
        private string? _streamedRequestId;
        private bool _entered;

        private CallScope(ImageGenClient client, PreparedCall prepared, CancellationToken cancellationToken)
        {
            _client = client;
            _prepared = prepared;
            _caller = cancellationToken;
            Call = prepared.Call;
            Operation = OperationName(Call.Operation);
            _activity = client.StartActivity(Call, Operation);
            _start = client._timeProvider.GetTimestamp();
            _timeout = new CancellationTokenSource(client._options.Timeout, client._timeProvider);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token);
        }

        /// <summary>The call as sent last (the <c>input_fidelity</c> fallback replaces it).</summary>
        public ImageTransportRequest Call { get; set; }

        public string Operation { get; }

        /// <summary>The caller's token linked with the call's timeout; hand it to the transport.</summary>
        public CancellationToken Token => _linked.Token;

        private TimeSpan Elapsed => _client._timeProvider.GetElapsedTime(_start);

        /// <summary>Opens the scope and waits for a turn at the gate; a timeout there is an <see cref="ImageGenTimeoutException"/> like any other.</summary>
        public static async Task<CallScope> EnterAsync(ImageGenClient client, PreparedCall prepared, CancellationToken cancellationToken)
        {
            var scope = new CallScope(client, prepared, cancellationToken);
            try
            {
                await client._gate.WaitAsync(scope.Token).ConfigureAwait(false);
                scope._entered = true;
                return scope;
            }
            catch (Exception ex)
            {
                var mapped = scope.Fail(ex);
                scope.Dispose();
                if (mapped is not null)
                {
                    throw mapped;
                }

                throw;
            }
        }

        /// <summary>Records a failure; returns the exception to throw instead (a timeout), or <see langword="null"/> to rethrow.</summary>
        public Exception? Fail(Exception exception)
        {
            if (exception is OperationCanceledException && _timeout.IsCancellationRequested && !_caller.IsCancellationRequested)
            {
                var options = _client._options;
                var provider = _client._transport.ProviderName;
                var error = new ImageGenTimeoutException(
                    $"{provider}: the call did not finish within {options.Timeout.TotalSeconds:0} s (ImageGenOptions.Timeout){(_entered ? string.Empty : " while it waited for a turn (ImageGenOptions.MaxConcurrentCalls)")}{(Call.RequestSent ? "; the request was sent, so the provider may still finish and bill it" : string.Empty)}{(Call.ProviderRequestId is { } id ? $" (request id {id}: fetch its result with GetResultAsync instead of paying again)" : string.Empty)}.",
                    provider, options.Timeout, Call.RequestSent, Call.ProviderRequestId, exception);
                _client.Failed(_activity, Call, Operation, _start, error);
                return error;
            }

            if (exception is OperationCanceledException)
            {
                Log.CallCancelled(_client._logger, _client._transport.ProviderName, Operation, Call.Model, Elapsed.TotalMilliseconds);
                _activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            }
            else if (exception is ImageGenException or ArgumentException)
            {
                _client.Failed(_activity, Call, Operation, _start, exception);
            }

            return null;
        }

        /// <summary>Stamps time, cost, provider, model, omitted parameters and warnings on a result, and records the success.</summary>
        public ImageResult Succeed(ImageResult result)
        {
            result = new ImageResult(result)
            {
                Elapsed = Elapsed,
                Cost = result.Cost ?? _client.PriceOf(Call, result.Usage, result.Images.Count),
                Provider = string.IsNullOrEmpty(result.Provider) ? _client._transport.ProviderName : result.Provider,
                Model = string.IsNullOrEmpty(result.Model) ? Call.Model : result.Model,
                OmittedParameters = _prepared.Omitted,
                Warnings = _prepared.Warnings,
            };
            _client.Succeeded(_activity, Call, Operation, result);
            return result;
        }

        /// <summary>Stamps time on a streamed update, and cost on a final image, keeping the totals for <see cref="StreamSucceeded"/>.</summary>
        public ImageStreamUpdate Stamp(ImageStreamUpdate update)
        {
            if (update.Kind != ImageStreamUpdateKind.Completed)
            {
                return new ImageStreamUpdate(update) { Elapsed = Elapsed };
            }

            update = new ImageStreamUpdate(update) { Elapsed = Elapsed, Cost = update.Cost ?? _client.PriceOf(Call, update.Usage, 1) };
            _streamed.Add(update.Image);
            _streamedUsage = update.Usage is not { } usage ? _streamedUsage : _streamedUsage is { } sum ? sum + usage : usage;
            _streamedCost = update.Cost is not { } cost ? _streamedCost : _streamedCost is { } total ? total + cost : cost;
            _streamedRequestId ??= update.RequestId;
            return update;
        }

        /// <summary>Records a stream that ended with its final images, as a call's success: the same metrics, span tags and log line.</summary>
        public void StreamSucceeded() => _client.Succeeded(_activity, Call, Operation, new ImageResult
        {
            Images = _streamed,
            Usage = _streamedUsage,
            Cost = _streamedCost,
            RequestId = _streamedRequestId,
            Elapsed = Elapsed,
            Provider = _client._transport.ProviderName,
            Model = Call.Model,
        });

        public void Dispose()
        {
            if (_entered)
            {
                _entered = false;
                _client._gate.Release();
            }

            _linked.Dispose();
            _timeout.Dispose();
            _activity?.Dispose();
        }
    }

    /// <summary>A validated call with what validation left off and warned about.</summary>
    private sealed record PreparedCall(ImageTransportRequest Call, IReadOnlyList<string> Omitted, List<string> Warnings);
}
