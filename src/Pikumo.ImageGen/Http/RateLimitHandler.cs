namespace Pikumo.ImageGen.Http;

/// <summary>Holds each attempt while the provider's rate-limit budget is spent, and reads the budget from every answer.</summary>
internal sealed class RateLimitHandler(RateLimitGate gate) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        gate.Observe(response.Headers);
        return response;
    }
}
