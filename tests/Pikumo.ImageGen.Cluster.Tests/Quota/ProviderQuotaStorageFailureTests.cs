using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Pikumo.ImageGen.Cluster.Tests.Infrastructure;
using Pikumo.ImageGen.Orleans;

namespace Pikumo.ImageGen.Cluster.Tests.Quota;

/// <summary>
/// The quota grain when its grain storage fails: no call is granted that it could not store (so a new activation can never
/// let the cluster exceed the quota), a caller gives up before sending after <see cref="ProviderQuota.UnavailableTimeout"/>
/// instead of waiting forever, and a release that cannot be stored never replaces the provider's answer.
/// </summary>
public sealed class ProviderQuotaStorageFailureTests : IAsyncLifetime
{
    private const string Deployment = "flaky";
    private static readonly ProviderQuota Quota = new()
    {
        MaxInFlight = 2, MaxImagesPerWindow = 1000, PollInterval = TimeSpan.FromMilliseconds(10), UnavailableTimeout = TimeSpan.FromMilliseconds(300),
    };

    private readonly FlakyGrainStorage _storage = new();
    private readonly GatedHandler _provider = new();
    private InProcessTestCluster _cluster = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _cluster = await QuotaCluster.StartAsync(1, Deployment, Quota, _storage);
        _services = QuotaCluster.ClientApp(_cluster, Deployment, Quota, _provider);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    private IProviderQuotaGrain Grain => _cluster.Client.GetGrain<IProviderQuotaGrain>(Deployment);

    private HttpClient Http => _services.GetRequiredService<IHttpClientFactory>().CreateClient(QuotaCluster.PaidClient);

    [Fact]
    public async Task Acquire_StorageFailing_GrantsNothingAndTheCallerGivesUpBeforeSending()
    {
        _storage.Failing = true;

        var grant = await Grain.AcquireAsync("test", Guid.NewGuid(), 1);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Http.PostAsync("http://127.0.0.1:9/v1/images/generations", null, Ct));

        Assert.False(grant.Granted);
        Assert.NotNull(grant.Unavailable);
        Assert.Contains("could not grant a call", error.Message, StringComparison.Ordinal);
        Assert.Contains("the call was not sent", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _provider.Received);
        var view = await Grain.GetViewAsync();
        Assert.Equal(0, view.InFlight);
        Assert.Equal(0, view.Granted);
        Assert.True(_storage.FailedWrites > 1, "the caller asked again while storage was down");

        _storage.Failing = false;
        _provider.Open();
        using var response = await Http.PostAsync("http://127.0.0.1:9/v1/images/generations", null, Ct);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal(1, (await Grain.GetViewAsync()).Granted);
    }

    [Fact]
    public async Task Release_StorageFailing_TheAnswerStillArrivesAndTheQuotaHoldsAcrossTheOutage()
    {
        var calls = Enumerable.Range(0, 6).Select(_ => Http.PostAsync("http://127.0.0.1:9/v1/images/generations", null, Ct)).ToArray();
        await _provider.InFlightReached(2).WaitAsync(Ct);
        Assert.Equal(2, (await Grain.GetViewAsync()).InFlight);

        _storage.Failing = true;        // the two calls in flight end while their releases cannot be stored
        _provider.Open();
        var answered = await Task.WhenAll(calls.Select(async c =>
        {
            try
            {
                using var r = await c;
                return r.IsSuccessStatusCode;
            }
            catch (HttpRequestException ex) when (ex.Message.Contains("the call was not sent", StringComparison.Ordinal))
            {
                return false;   // the four waiting give up while storage is down: never sent
            }
        }));
        _storage.Failing = false;

        Assert.Equal(2, answered.Count(ok => ok));   // the provider's answers reached the callers despite the failed releases
        Assert.InRange(_provider.MaxInFlight, 1, Quota.MaxInFlight);
        var view = await Grain.GetViewAsync();
        Assert.Equal(0, view.InFlight);
        Assert.Equal(_provider.Received, view.Granted);   // every call that reached the provider was granted and stored first
    }

    /// <summary>The provider: answers 200 once opened; counts what reached it and how many at once.</summary>
    private sealed class GatedHandler : HttpMessageHandler
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
        private int _inFlight;
        private int _max;
        private int _received;

        public int Received => Volatile.Read(ref _received);

        public int MaxInFlight => Volatile.Read(ref _max);

        public void Open() => _open.TrySetResult();

        public Task InFlightReached(int count)
        {
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_waiters)
            {
                if (_inFlight >= count)
                {
                    reached.TrySetResult();
                }
                else
                {
                    _waiters.Add((count, reached));
                }
            }

            return reached.Task;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _received);
            lock (_waiters)
            {
                _inFlight++;
                _max = Math.Max(_max, _inFlight);
                foreach (var waiter in _waiters.Where(w => _inFlight >= w.Count).ToList())
                {
                    waiter.Reached.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }

            try
            {
                await _open.Task.WaitAsync(cancellationToken);
                return new HttpResponseMessage(System.Net.HttpStatusCode.OK);
            }
            finally
            {
                lock (_waiters)
                {
                    _inFlight--;
                }
            }
        }
    }
}
