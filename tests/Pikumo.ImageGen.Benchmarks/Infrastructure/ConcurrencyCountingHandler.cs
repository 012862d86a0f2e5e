namespace Pikumo.ImageGen.Benchmarks.Infrastructure;

/// <summary>Counts requests in flight and keeps the maximum.</summary>
internal sealed class ConcurrencyCountingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _inFlight;
    private int _max;

    public int MaxInFlight => Volatile.Read(ref _max);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }

        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
