using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary>The fal wire, spoken with a raw HttpClient as api/fal.md describes it (the fal transport is written elsewhere).</summary>
public sealed class FalSimulatorTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 26, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string DataUri(byte[] bytes, string mediaType = "image/png") => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";

    private static string EditBody(string? extra = null, string? imageUrl = null) =>
        $$"""{"prompt":"the subject at a cafe","image_urls":["{{imageUrl ?? DataUri(TestImages.Png(48, 48))}}"],"quality":"low"{{(extra is null ? string.Empty : "," + extra)}}}""";

    [Fact]
    public async Task Queue_SubmitAndPoll_MovesFromInQueueThroughInProgressToCompletedOnTheClock()
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new ImageGenSimulator(new SimulatorOptions { Latency = { P95OverMedian = 1 }, LatencyScale = 1, FalQueueWait = TimeSpan.FromSeconds(2), FalQueueAhead = 2 }, time);
        using var fal = new Fal(simulator);

        var (submitStatus, submit, submitHeaders) = await fal.SendAsync(HttpMethod.Post, "fal/queue/openai/gpt-image-2/edit", EditBody("\"image_size\":{\"width\":1536,\"height\":1024}"));

        Assert.Equal(HttpStatusCode.OK, submitStatus);
        var id = submit.GetProperty("request_id").GetString()!;
        Assert.Equal("IN_QUEUE", submit.GetProperty("status").GetString());
        Assert.Equal(2, submit.GetProperty("queue_position").GetInt32());
        Assert.Equal(id, submitHeaders.GetValues("x-fal-request-id").Single());
        var statusUrl = submit.GetProperty("status_url").GetString()!;
        var responseUrl = submit.GetProperty("response_url").GetString()!;
        Assert.Equal($"https://simulator.pikumo.test/fal/queue/openai/gpt-image-2/requests/{id}/status", statusUrl);
        Assert.Equal($"https://simulator.pikumo.test/fal/queue/openai/gpt-image-2/requests/{id}", responseUrl);
        Assert.Equal($"https://simulator.pikumo.test/fal/queue/openai/gpt-image-2/requests/{id}/cancel", submit.GetProperty("cancel_url").GetString());

        time.Advance(TimeSpan.FromSeconds(1));
        var (queued, queuedBody, _) = await fal.SendAsync(HttpMethod.Get, statusUrl);
        Assert.Equal((HttpStatusCode.Accepted, "IN_QUEUE", 1), (queued, queuedBody.GetProperty("status").GetString(), queuedBody.GetProperty("queue_position").GetInt32()));

        time.Advance(TimeSpan.FromSeconds(1.5));
        var (running, runningBody, _) = await fal.SendAsync(HttpMethod.Get, statusUrl);
        Assert.Equal((HttpStatusCode.Accepted, "IN_PROGRESS"), (running, runningBody.GetProperty("status").GetString()));
        var (early, _, _) = await fal.SendAsync(HttpMethod.Get, responseUrl);
        Assert.Equal(HttpStatusCode.BadRequest, early);

        time.Advance(TimeSpan.FromSeconds(39));
        var (done, doneBody, _) = await fal.SendAsync(HttpMethod.Get, statusUrl + "?logs=1");
        Assert.Equal((HttpStatusCode.OK, "COMPLETED"), (done, doneBody.GetProperty("status").GetString()));
        Assert.Equal(39.0, doneBody.GetProperty("metrics").GetProperty("inference_time").GetDouble());
        Assert.NotEqual(0, doneBody.GetProperty("logs").GetArrayLength());

        var (resultStatus, result, resultHeaders) = await fal.SendAsync(HttpMethod.Get, responseUrl);
        Assert.Equal(HttpStatusCode.OK, resultStatus);
        Assert.Equal(id, resultHeaders.GetValues("x-fal-request-id").Single());
        var image = Assert.Single(result.GetProperty("images").EnumerateArray().ToArray());
        Assert.Equal(("image/png", 1536, 1024), (image.GetProperty("content_type").GetString(), image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32()));
        var bytes = await fal.DownloadAsync(image.GetProperty("url").GetString()!);
        PngAssert.Valid(bytes, 1536, 1024);
        Assert.Equal(image.GetProperty("file_size").GetInt32(), bytes.Length);
        Assert.Equal(
            [SimulatorRoute.FalSubmit, SimulatorRoute.FalStatus, SimulatorRoute.FalStatus, SimulatorRoute.FalResult, SimulatorRoute.FalStatus, SimulatorRoute.FalResult, SimulatorRoute.FalFile],
            simulator.Recorder.Select(r => r.Route));
    }

    [Fact]
    public async Task Queue_OverLoopback_SubmitsPollsAndDownloadsWithRealSockets()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        await using var server = await simulator.StartServerAsync(Ct);
        using var fal = new Fal(simulator, new HttpClient { BaseAddress = server.BaseAddress });

        var (_, submit, _) = await fal.SendAsync(HttpMethod.Post, "fal/queue/openai/gpt-image-2", """{"prompt":"a red kite","image_size":"square_hd","num_images":2}""");
        var (status, statusBody, _) = await fal.SendAsync(HttpMethod.Get, submit.GetProperty("status_url").GetString()!);
        var (_, result, _) = await fal.SendAsync(HttpMethod.Get, submit.GetProperty("response_url").GetString()!);

        Assert.Equal((HttpStatusCode.OK, "COMPLETED"), (status, statusBody.GetProperty("status").GetString()));
        var urls = result.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("url").GetString()!).ToArray();
        Assert.Equal(2, urls.Length);
        Assert.All(urls, url => Assert.StartsWith(server.BaseAddress.AbsoluteUri + "fal/files/", url, StringComparison.Ordinal));
        PngAssert.Valid(await fal.DownloadAsync(urls[1]), 1024, 1024);
    }

    [Fact]
    public async Task Run_ImageUrlServedByTheSimulator_ResolvesTheReferenceAndAnswersTheOutput()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var reference = TestImages.Png(800, 600, seed: 5);
        var url = simulator.AddFile(reference, "subject.png");
        using var fal = new Fal(simulator);

        var (status, output, headers) = await fal.SendAsync(HttpMethod.Post, "fal/sync/openai/gpt-image-2/edit", EditBody(imageUrl: url.AbsoluteUri));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(headers.Contains("x-fal-request-id"));
        var recorded = simulator.Recorder.ImageCalls.Single();
        Assert.Equal(SimulatorRoute.FalRun, recorded.Route);
        Assert.Equal("openai/gpt-image-2/edit", recorded.Model);
        Assert.Equal(reference, recorded.Images.Single().Data.ToArray());
        Assert.Equal("image_urls[0]", recorded.Images[0].Field);
        var image = output.GetProperty("images")[0];
        Assert.Equal((1536, 1024), (image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32())); // auto: 800x600 is too small, nearest standard shape
    }

    [Fact]
    public async Task Run_SyncMode_ReturnsImagesAsDataUris()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var fal = new Fal(simulator);

        var (_, output, _) = await fal.SendAsync(HttpMethod.Post, "fal/sync/openai/gpt-image-2", """{"prompt":"p","sync_mode":true,"image_size":{"width":1024,"height":1024}}""");

        var url = output.GetProperty("images")[0].GetProperty("url").GetString()!;
        Assert.StartsWith("data:image/png;base64,", url, StringComparison.Ordinal);
        PngAssert.Valid(Convert.FromBase64String(url["data:image/png;base64,".Length..]), 1024, 1024);
    }

    public static TheoryData<string, string, string> InvalidInputs() => new()
    {
        { """{"image_urls":["DATA"]}""", "prompt", "missing" },
        { """{"prompt":"p"}""", "image_urls", "missing" },
        { """{"prompt":"p","image_urls":[]}""", "image_urls", "too_short" },
        { """{"prompt":"p","image_urls":["DATA"],"num_images":5}""", "num_images", "less_than_equal" },
        { """{"prompt":"p","image_urls":["DATA"],"num_images":0}""", "num_images", "greater_than_equal" },
        { """{"prompt":"p","image_urls":["DATA"],"image_size":{"width":1000,"height":1000}}""", "image_size", "value_error" },
        { """{"prompt":"p","image_urls":["DATA"],"image_size":{"width":3840,"height":1024}}""", "image_size", "value_error" },
        { """{"prompt":"p","image_urls":["DATA"],"image_size":"huge"}""", "image_size", "literal_error" },
        { """{"prompt":"p","image_urls":["DATA"],"quality":"ultra"}""", "quality", "literal_error" },
        { """{"prompt":"p","image_urls":["data:text/plain;base64,aGVsbG8gd29ybGQ="]}""", "image_urls.0", "image_load_error" },
        { """{"prompt":"p","image_urls":["https://example.com/photo.png"]}""", "image_urls.0", "file_download_error" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Run_InvalidInput_Answers422WithTheFieldAndType(string body, string field, string type)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var fal = new Fal(simulator);

        var (status, error, _) = await fal.SendAsync(HttpMethod.Post, "fal/sync/openai/gpt-image-2/edit", body.Replace("DATA", DataUri(TestImages.Png()), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var detail = Assert.Single(error.GetProperty("detail").EnumerateArray().ToArray());
        var loc = detail.GetProperty("loc").EnumerateArray().Select(l => l.ToString()).ToArray();
        Assert.Equal("body", loc[0]);
        Assert.Equal(field, string.Join('.', loc.Skip(1)));
        Assert.Equal(type, detail.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(detail.GetProperty("msg").GetString()));
    }

    [Fact]
    public async Task Run_SeveralProblems_ReportsEveryOne()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var fal = new Fal(simulator);

        var (_, error, _) = await fal.SendAsync(HttpMethod.Post, "fal/sync/openai/gpt-image-2/edit", """{"num_images":9,"quality":"best"}""");

        Assert.Equal(4, error.GetProperty("detail").GetArrayLength());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Key wrong-key")]
    [InlineData("Bearer simulator-fal-key-id:simulator-fal-key-secret")]
    public async Task Run_MissingOrWrongKey_Answers401(string? authorization)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var fal = new Fal(simulator);

        var (status, error, _) = await fal.SendAsync(HttpMethod.Post, "fal/sync/openai/gpt-image-2/edit", EditBody(), authorization ?? string.Empty);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(JsonValueKind.String, error.GetProperty("detail").ValueKind);
    }

    [Fact]
    public async Task Queue_InvalidInput_IsAcceptedThenFailsWith422AtTheResult()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var fal = new Fal(simulator);

        var (submitStatus, submit, _) = await fal.SendAsync(HttpMethod.Post, "fal/queue/openai/gpt-image-2/edit", """{"prompt":"p","image_urls":[]}""");
        var (_, status, _) = await fal.SendAsync(HttpMethod.Get, submit.GetProperty("status_url").GetString()!);
        var (resultStatus, result, _) = await fal.SendAsync(HttpMethod.Get, submit.GetProperty("response_url").GetString()!);

        Assert.Equal(HttpStatusCode.OK, submitStatus);
        Assert.Equal("COMPLETED", status.GetProperty("status").GetString());
        Assert.True(status.TryGetProperty("error", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, resultStatus);
        Assert.Equal("too_short", result.GetProperty("detail")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Queue_CancelWhileQueued_AnswersOkAndTheResultSaysCancelled()
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 1, Latency = { P95OverMedian = 1 } }, time);
        using var fal = new Fal(simulator);
        var (_, submit, _) = await fal.SendAsync(HttpMethod.Post, "fal/queue/openai/gpt-image-2/edit", EditBody());

        var (cancelStatus, cancel, _) = await fal.SendAsync(HttpMethod.Put, submit.GetProperty("cancel_url").GetString()!);
        var (_, status, _) = await fal.SendAsync(HttpMethod.Get, submit.GetProperty("status_url").GetString()!);
        var (resultStatus, _, _) = await fal.SendAsync(HttpMethod.Get, submit.GetProperty("response_url").GetString()!);

        Assert.Equal((HttpStatusCode.OK, "OK"), (cancelStatus, cancel.GetProperty("status").GetString()));
        Assert.Equal("COMPLETED", status.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, resultStatus);
    }

    [Fact]
    public async Task Queue_CancelWhileRunningAndAfterCompletion_AnswersCancellationRequestedThenAlreadyCompleted()
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 1, Latency = { P95OverMedian = 1 } }, time);
        using var fal = new Fal(simulator);
        var (_, submit, _) = await fal.SendAsync(HttpMethod.Post, "fal/queue/openai/gpt-image-2/edit", EditBody());
        var cancelUrl = submit.GetProperty("cancel_url").GetString()!;
        time.Advance(TimeSpan.FromSeconds(10));

        var (running, runningBody, _) = await fal.SendAsync(HttpMethod.Put, cancelUrl);
        var (again, againBody, _) = await fal.SendAsync(HttpMethod.Put, cancelUrl);
        var (missing, missingBody, _) = await fal.SendAsync(HttpMethod.Put, "fal/queue/openai/gpt-image-2/requests/00000000-0000-0000-0000-000000000000/cancel");

        Assert.Equal((HttpStatusCode.Accepted, "CANCELLATION_REQUESTED"), (running, runningBody.GetProperty("status").GetString()));
        Assert.Equal((HttpStatusCode.BadRequest, "ALREADY_COMPLETED"), (again, againBody.GetProperty("status").GetString()));
        Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (missing, missingBody.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Queue_JobFailsFault_CompletesWithAnErrorAndTheResultReplaysTheFailure()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.OnRoute(SimulatorRoute.FalSubmit, SimulatedFault.FalJobFails("runner crashed"));
        using var fal = new Fal(simulator);

        var (_, submit, _) = await fal.SendAsync(HttpMethod.Post, "fal/queue/openai/gpt-image-2/edit", EditBody());
        var (_, status, _) = await fal.SendAsync(HttpMethod.Get, submit.GetProperty("status_url").GetString()!);
        var (resultStatus, result, headers) = await fal.SendAsync(HttpMethod.Get, submit.GetProperty("response_url").GetString()!);

        Assert.Equal("COMPLETED", status.GetProperty("status").GetString());
        Assert.Equal("runner crashed", status.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.InternalServerError, resultStatus);
        Assert.Equal("internal_error", result.GetProperty("error_type").GetString());
        Assert.Equal("internal_error", headers.GetValues("X-Fal-Error-Type").Single());
    }

    [Fact]
    public async Task Queue_ContentPolicyFault_ResultIs422ContentPolicyViolation()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.OnImageCalls(SimulatedFault.ContentPolicy("hate"));
        using var fal = new Fal(simulator);

        var (_, submit, _) = await fal.SendAsync(HttpMethod.Post, "fal/queue/openai/gpt-image-2/edit", EditBody());
        var (resultStatus, result, _) = await fal.SendAsync(HttpMethod.Get, submit.GetProperty("response_url").GetString()!);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, resultStatus);
        Assert.Equal("content_policy_violation", result.GetProperty("detail")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Queue_NeverCompletesFault_StaysInProgressHoweverLongItRuns()
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 1, Latency = { P95OverMedian = 1 } }, time);
        simulator.Faults.OnRoute(SimulatorRoute.FalSubmit, SimulatedFault.FalJobNeverCompletes());
        using var fal = new Fal(simulator);
        var (_, submit, _) = await fal.SendAsync(HttpMethod.Post, "fal/queue/openai/gpt-image-2/edit", EditBody());

        time.Advance(TimeSpan.FromHours(2));
        var (status, body, _) = await fal.SendAsync(HttpMethod.Get, submit.GetProperty("status_url").GetString()!);

        Assert.Equal((HttpStatusCode.Accepted, "IN_PROGRESS"), (status, body.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Submit_RateLimitFault_Answers429WithRetryAfter()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.OnRoute(SimulatorRoute.FalSubmit, SimulatedFault.RateLimit(TimeSpan.FromSeconds(3)));
        using var fal = new Fal(simulator);

        var (status, _, headers) = await fal.SendAsync(HttpMethod.Post, "fal/queue/openai/gpt-image-2/edit", EditBody());

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("3", headers.GetValues("retry-after").Single());
        Assert.Equal("3000", headers.GetValues("retry-after-ms").Single());
    }

    [Fact]
    public async Task Upload_InitiateThenPut_ServesTheBytesAtTheFileUrlForImageUrls()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var fal = new Fal(simulator);
        var photo = TestImages.Png(640, 480, seed: 8);

        var (_, initiate, _) = await fal.SendAsync(HttpMethod.Post, "fal/rest/storage/upload/initiate?storage_type=fal-cdn-v3", """{"content_type":"image/png","file_name":"me.png"}""");
        using var put = new HttpRequestMessage(HttpMethod.Put, initiate.GetProperty("upload_url").GetString()) { Content = new ByteArrayContent(photo) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var uploaded = await fal.Http.SendAsync(put, Ct);
        var fileUrl = initiate.GetProperty("file_url").GetString()!;

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal(photo, await fal.DownloadAsync(fileUrl));
        var (status, _, _) = await fal.SendAsync(HttpMethod.Post, "fal/sync/openai/gpt-image-2/edit", EditBody(imageUrl: fileUrl));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(photo, simulator.Recorder.ImageCalls.Single().Images.Single().Data.ToArray());
    }

    [Fact]
    public async Task Run_UnknownEndpoint_Answers404()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var fal = new Fal(simulator);

        var (status, _, _) = await fal.SendAsync(HttpMethod.Post, "fal/sync/fal-ai/flux/dev", """{"prompt":"p"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    /// <summary>Raw fal calls with <c>Authorization: Key</c>.</summary>
    private sealed class Fal(ImageGenSimulator simulator, HttpClient? http = null) : IDisposable
    {
        public HttpClient Http { get; } = http ?? simulator.CreateHttpClient();

        public async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers)> SendAsync(HttpMethod method, string url, string? json = null, string? authorization = null)
        {
            using var request = new HttpRequestMessage(method, url);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            authorization ??= "Key " + simulator.Options.FalApiKey;
            if (authorization.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await Http.SendAsync(request, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
            return (response.StatusCode, document.RootElement.Clone(), response.Headers);
        }

        public Task<byte[]> DownloadAsync(string url) => Http.GetByteArrayAsync(url, Ct);

        public void Dispose() => Http.Dispose();
    }
}
