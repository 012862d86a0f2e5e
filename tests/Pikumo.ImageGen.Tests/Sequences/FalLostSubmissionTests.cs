using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>
/// A fal submission whose job id never reached the journal (the process died between fal accepting it and the id
/// write) is found again in fal's request history (<c>GET /v1/models/requests/by-endpoint</c>) by its prompt's
/// SHA-256, and fetched instead of paid for again.
/// </summary>
public sealed class FalLostSubmissionTests
{
    private static SequenceRequest Story(int beats) => SequenceRunnerTests.Story(beats) with { UnknownOutcomes = UnknownOutcomePolicy.Regenerate };

    private static string Hex(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>The fingerprint as its definition says, written out here: SHA-256 of the prompt, a newline, and each image's SHA-256 on a line.</summary>
    private static string Fingerprint(string prompt, params byte[][] images) =>
        Hex(Encoding.UTF8.GetBytes(prompt + "\n" + string.Join("\n", images.Select(Hex))));

    /// <summary>A finished 3-beat fal run made to look as if the process died after submitting beat 2 and before journaling its id.</summary>
    private static async Task<string> KilledAfterSubmitAsync(ImageGenClient client, TempFolder folder, DateTimeOffset inFlightSince)
    {
        var first = await new SequenceRunner(client).RunToEndAsync(Story(3), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);
        var path = Path.Combine(folder.Path, SequenceManifest.FileName);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!.AsObject();
        var beat2 = manifest["frames"]!.AsArray().Single(f => (int)f!["beat"]! == 1)!.AsObject();
        var jobId = (string)beat2["request_id"]!;
        Assert.NotNull((string?)beat2["call_sha256"]);
        beat2["status"] = "in_flight";
        beat2.Remove("request_id");
        beat2["in_flight_since"] = inFlightSince.ToString("O");
        await File.WriteAllTextAsync(path, manifest.ToJsonString(), TestContext.Current.CancellationToken);
        File.Delete(first.Frames[1].FilePath!);
        return jobId;
    }

    [Fact]
    public async Task Resume_SubmissionWhoseIdWasLost_IsFoundInFalsHistoryAndFetchedNotPaidAgain()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(ImageProvider.Fal, o => o.Fal.LostSubmissionSearch = TimeSpan.Zero);
        using var folder = new TempFolder();
        var jobId = await KilledAfterSubmitAsync(client, folder, simulator.TimeProvider.GetUtcNow().AddSeconds(-1));

        var resumed = await new SequenceRunner(client).RunToEndAsync(Story(3), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.Equal(3, simulator.Recorder.For(SimulatorRoute.FalSubmit).Count); // no new paid job, although the policy is Regenerate
        Assert.NotEmpty(simulator.Recorder.For(SimulatorRoute.FalHistory));
        Assert.Contains(simulator.Recorder.For(SimulatorRoute.FalResult), r => r.FalRequestId == jobId);
        Assert.All(resumed.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        Assert.Equal((1, 0), (resumed.Recovered, resumed.PossiblyBilledTwice));
        var entry = (await SequenceManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!.Frames.Single(f => f.Beat == 1);
        Assert.Equal(("done", jobId), (entry.Status, entry.RequestId));
    }

    [Fact]
    public async Task Resume_WithoutStoredInputs_CannotSearchAndFollowsThePolicy()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(ImageProvider.Fal, o => o.Fal.StoreIO = false);
        using var folder = new TempFolder();
        await KilledAfterSubmitAsync(client, folder, simulator.TimeProvider.GetUtcNow().AddSeconds(-1));

        var resumed = await new SequenceRunner(client).RunToEndAsync(Story(3), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.Empty(simulator.Recorder.For(SimulatorRoute.FalHistory));
        Assert.Equal(4, simulator.Recorder.For(SimulatorRoute.FalSubmit).Count);
        Assert.Equal(1, resumed.PossiblyBilledTwice); // paid again, and counted
    }

    [Fact]
    public async Task FindSubmission_MatchesPromptAndPhotosAmongRequestsSentSinceTheCallWentInFlight()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(ImageProvider.Fal, o => o.Fal.LostSubmissionSearch = TimeSpan.Zero);
        var since = simulator.TimeProvider.GetUtcNow();
        var mia = TestImages.Png(64, 64, seed: 1);
        var noah = TestImages.Png(64, 64, seed: 2);
        var ct = TestContext.Current.CancellationToken;
        var a = await client.EditAsync(new ImageEditRequest("Mia at the bakery", ImageInput.FromBytes(mia)), ct);
        var b = await client.EditAsync(new ImageEditRequest("Mia at the harbour", ImageInput.FromBytes(mia)), ct);
        string[] none = [];

        Assert.Equal(a.RequestId, await client.FindSubmissionAsync(ImageOperation.Edit, "gpt-image-2", Fingerprint("Mia at the bakery", mia), since, none, ct));
        Assert.Equal(b.RequestId, await client.FindSubmissionAsync(ImageOperation.Edit, "gpt-image-2", Fingerprint("Mia at the harbour", mia), since, none, ct));
        Assert.Null(await client.FindSubmissionAsync(ImageOperation.Edit, "gpt-image-2", Fingerprint("Mia at the bakery", noah), since, none, ct)); // the same template with another child's photo is never someone else's job
        Assert.Null(await client.FindSubmissionAsync(ImageOperation.Edit, "gpt-image-2", Fingerprint("Mia at the station", mia), since, none, ct));
        Assert.Null(await client.FindSubmissionAsync(ImageOperation.Generate, "gpt-image-2", Fingerprint("Mia at the bakery", mia), since, none, ct)); // another endpoint's history
        Assert.Null(await client.FindSubmissionAsync(ImageOperation.Edit, "gpt-image-2", Fingerprint("Mia at the bakery", mia), since.AddHours(1), none, ct)); // sent before the call went in flight
        Assert.Null(await client.FindSubmissionAsync(ImageOperation.Edit, "gpt-image-2", Fingerprint("Mia at the bakery", mia), since, [a.RequestId!], ct)); // already another call's
    }

    [Fact]
    public async Task FindSubmission_OnAModelWithItsOwnEndpoint_SearchesThatEndpointAndAnswersTheIdAsJournaled()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(ImageProvider.Fal, o => o.Fal.LostSubmissionSearch = TimeSpan.Zero);
        var since = simulator.TimeProvider.GetUtcNow();
        var mia = TestImages.Png(64, 64, seed: 1);
        var ct = TestContext.Current.CancellationToken;
        var flux = await client.EditAsync(new ImageEditRequest("Mia at the bakery", ImageInput.FromBytes(mia)) { Model = "fal-ai/flux-2/turbo" }, ct);

        Assert.StartsWith("fal-ai/flux-2/", flux.RequestId, StringComparison.Ordinal);
        Assert.Equal(flux.RequestId, await client.FindSubmissionAsync(ImageOperation.Edit, "fal-ai/flux-2/turbo", Fingerprint("Mia at the bakery", mia), since, [], ct));
        Assert.Null(await client.FindSubmissionAsync(ImageOperation.Edit, "gpt-image-2", Fingerprint("Mia at the bakery", mia), since, [], ct)); // gpt-image's endpoint never saw it
        Assert.Null(await client.FindSubmissionAsync(ImageOperation.Edit, "fal-ai/flux-2/turbo", Fingerprint("Mia at the bakery", mia), since, [flux.RequestId!], ct)); // already journaled
        Assert.Equal(flux.RequestId, (await client.GetResultAsync(flux.RequestId!, ct)).RequestId); // the id found is one the transport can fetch
    }

    [Fact]
    public async Task FindSubmission_AJobStillRunning_IsFoundOnceItEndsWithinTheSearchWindow()
    {
        var time = new WatchedTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 1 }, time);
        using var client = simulator.CreateClient(ImageProvider.Fal, o =>
        {
            o.Fal.LostSubmissionSearch = TimeSpan.FromMinutes(5);
            o.Fal.PollInterval = TimeSpan.FromSeconds(2);
            o.Fal.MaxPollInterval = TimeSpan.FromSeconds(2);
        });
        var since = time.GetUtcNow();
        var photo = TestImages.Png();

        // Submitted straight to the queue, as a process that died before reading the answer left it: running, its id unknown.
        using var http = simulator.CreateHttpClient();
        using var submit = new HttpRequestMessage(HttpMethod.Post, "fal/queue/openai/gpt-image-2/edit")
        {
            Content = new StringContent($$"""{"prompt":"Mia at the bakery","image_urls":["data:image/png;base64,{{Convert.ToBase64String(photo)}}"]}""", Encoding.UTF8, "application/json"),
        };
        submit.Headers.TryAddWithoutValidation("Authorization", "Key " + simulator.Options.FalApiKey);
        using (var accepted = await http.SendAsync(submit, TestContext.Current.CancellationToken))
        {
            Assert.True(accepted.IsSuccessStatusCode);
        }

        var find = client.FindSubmissionAsync(ImageOperation.Edit, "gpt-image-2", Fingerprint("Mia at the bakery", photo), since, [], TestContext.Current.CancellationToken);
        var polls = await time.AdvanceWhileWaitingAsync(find, due => due == TimeSpan.FromSeconds(2));

        Assert.Equal(simulator.Recorder.For(SimulatorRoute.FalSubmit)[0].FalRequestId, await find);
        Assert.InRange(polls, 2, 149); // it waited for the job to end, not the whole window (150 polls)
        Assert.Equal(polls + 1, simulator.Recorder.For(SimulatorRoute.FalHistory).Count);
    }

    [Fact]
    public async Task FindSubmission_NothingEverSubmitted_GivesUpWhenTheWindowHasPassed()
    {
        var time = new WatchedTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 }, time);
        using var client = simulator.CreateClient(ImageProvider.Fal, o =>
        {
            o.Fal.LostSubmissionSearch = TimeSpan.FromSeconds(30);
            o.Fal.PollInterval = TimeSpan.FromSeconds(5);
            o.Fal.MaxPollInterval = TimeSpan.FromSeconds(5);
        });

        var find = client.FindSubmissionAsync(ImageOperation.Edit, "gpt-image-2", Fingerprint("never sent"), time.GetUtcNow(), [], TestContext.Current.CancellationToken);
        await time.AdvanceWhileWaitingAsync(find, due => due <= TimeSpan.FromSeconds(5));

        Assert.Null(await find);
        Assert.Equal(7, simulator.Recorder.For(SimulatorRoute.FalHistory).Count); // at 0, 5, 10 … 30 s
    }
}
