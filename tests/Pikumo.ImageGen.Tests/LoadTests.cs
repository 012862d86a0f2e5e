using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests;

/// <summary>A bounded load over loopback with seeded faults: no request lost, every failure typed, the limiter's bound held.</summary>
/// <remarks>
/// It counts unobserved task exceptions, which are process-wide: it runs with no other test beside it, after a
/// collection that flushes what earlier tests left for the finalizer.
/// </remarks>
[Collection(nameof(ProcessWideObservations))]
public sealed class LoadTests
{
    [Fact]
    public async Task EditAsync_200RequestsAt32WithFaults_AllEndTypedAndTheLimiterHolds()
    {
        const int Requests = 200;
        const int CallerConcurrency = 32;
        const int ClientLimit = 8;
        var random = new Random(2026);
        var plan = Enumerable.Range(0, Requests).Select(_ => random.Next(100)).ToArray();
        var attempts = new int[Requests];
        var inFlight = 0;
        var maxInFlight = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            try
            {
                var request = await ReceivedRequest.ReadAsync(context.Request);
                var index = int.Parse(request.Fields["user"].AsSpan(2), System.Globalization.CultureInfo.InvariantCulture);
                var attempt = Interlocked.Increment(ref attempts[index]);
                await Task.Yield(); // the request goes back to the queue once, so the calls overlap
                var roll = plan[index];
                if (attempt == 1 && roll < 10)
                {
                    await OpenAIResponses.WriteAsync(context, OpenAIResponses.Error("overloaded", "server_error", null), 503, headers: new Dictionary<string, string> { ["retry-after-ms"] = "1" });
                }
                else if (attempt == 1 && roll < 15)
                {
                    await OpenAIResponses.WriteAsync(context, OpenAIResponses.Error("slow down", "requests", "rate_limit_exceeded"), 429, headers: new Dictionary<string, string> { ["retry-after-ms"] = "1" });
                }
                else if (roll is >= 15 and < 20)
                {
                    await OpenAIResponses.WriteAsync(context, OpenAIResponses.Error("blocked", "image_generation_user_error", "moderation_blocked"), 400);
                }
                else if (roll is >= 20 and < 24)
                {
                    context.Abort(); // the body was read: the outcome is unknown and must not be replayed
                }
                else
                {
                    await OpenAIResponses.WriteAsync(context, OpenAIResponses.ImagesJson([TestImages.Png(8, 8)]));
                }
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });
        using var client = Clients.OpenAI(server.Address, o => o.MaxConcurrentCalls = ClientLimit);
        var unobserved = 0;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, _) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += onUnobserved;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var callers = new SemaphoreSlim(CallerConcurrency);
            var outcomes = await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
            {
                await callers.WaitAsync(TestContext.Current.CancellationToken);
                try
                {
                    await client.EditAsync(new ImageEditRequest("load", ImageInput.FromBytes(TestImages.Png(8, 8))) { User = $"u-{i}" }, TestContext.Current.CancellationToken);
                    return "ok";
                }
                catch (ImageGenException ex)
                {
                    return ex.GetType().Name + (ex.OutcomeUnknown ? " (outcome unknown)" : string.Empty);
                }
                finally
                {
                    callers.Release();
                }
            }));
            stopwatch.Stop();

            var expectedOk = plan.Count(r => r >= 24);
            var expectedBlocked = plan.Count(r => r is >= 15 and < 20);
            var expectedUnknown = plan.Count(r => r is >= 20 and < 24);
            var figures = outcomes.GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{Requests} requests at caller concurrency {CallerConcurrency}, client limit {ClientLimit}: {stopwatch.ElapsedMilliseconds} ms, max in flight {maxInFlight}, " +
                string.Join(", ", figures.Select(f => $"{f.Key}: {f.Value}")));

            Assert.Equal(Requests, outcomes.Length);
            Assert.Equal(expectedOk + plan.Count(r => r < 15), figures.GetValueOrDefault("ok"));
            Assert.Equal(expectedBlocked, figures.GetValueOrDefault(nameof(ImageGenContentPolicyException)));
            Assert.Equal(expectedUnknown, figures.GetValueOrDefault($"{nameof(ImageGenConnectionException)} (outcome unknown)"));
            Assert.All(Enumerable.Range(0, Requests), i => Assert.Equal(plan[i] < 15 ? 2 : 1, attempts[i]));
            Assert.InRange(maxInFlight, 1, ClientLimit);
        }
        finally
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            TaskScheduler.UnobservedTaskException -= onUnobserved;
        }

        Assert.Equal(0, unobserved);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

/// <summary>Tests that observe process-wide events (unobserved task exceptions) run alone.</summary>
[CollectionDefinition(nameof(ProcessWideObservations), DisableParallelization = true)]
public sealed class ProcessWideObservations;
