using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary>The code of docs/testing.md, compiled and run: each region is copied into the guide verbatim.</summary>
public sealed class TestingDocsSnippetsTests
{
    private readonly byte[] _photo = TestImages.Png(64, 64);

    [Fact]
    public async Task Snippet_OfflineClient_Runs()
    {
        var photo = _photo;
        var cancellationToken = TestContext.Current.CancellationToken;
        #region offline-client
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 }); // 0: answer at once
        using var client = simulator.CreateClient(ImageProvider.OpenAI);

        var result = await client.EditAsync(
            new ImageEditRequest("the subject drinks morning coffee", ImageInput.FromBytes(photo))
            {
                Size = ImageSize.Landscape1536x1024,
                Quality = ImageQuality.Low,
            },
            cancellationToken);

        Console.WriteLine(result.Images[0]); // image 0: png 1536x1024, … bytes — it reads "the subject drinks morning coffee"
        #endregion
        Assert.Equal(1536, result.Images[0].Width);
    }

    [Fact]
    public async Task Snippet_DependencyInjection_Runs()
    {
        var photo = _photo;
        var cancellationToken = TestContext.Current.CancellationToken;
        #region dependency-injection
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var services = new ServiceCollection();
        services.AddPikumoImageGen(o => o.Provider = ImageProvider.AzureOpenAI)
            .UseSimulator(simulator); // primary handler + options pointed at the simulator

        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ImageGenClient>();
        var result = await client.EditAsync(new ImageEditRequest("a quiet street", ImageInput.FromBytes(photo)), cancellationToken);
        #endregion
        Assert.Equal(SimulatorRoute.AzureEdits, simulator.Recorder.Single().Route);
        Assert.Single(result.Images);
    }

    [Fact]
    public async Task Snippet_Loopback_Runs()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var cancellationToken = TestContext.Current.CancellationToken;
        #region loopback
        await using var server = await simulator.StartServerAsync(cancellationToken); // http://127.0.0.1:{free port}/
        using var client = server.CreateClient(ImageProvider.AzureOpenAI);

        var result = await client.GenerateAsync(new ImageGenerateRequest { Prompt = "a red kite" }, cancellationToken);

        // Other HTTP stacks: OpenAI at {BaseAddress}v1/, Azure at {BaseAddress}, fal at {BaseAddress}fal/…
        var options = server.CreateOptions(ImageProvider.OpenAI); // keys, base addresses, fal trusted host
        #endregion
        Assert.Equal(new Uri(server.BaseAddress, "v1/"), options.OpenAI.BaseAddress);
        Assert.Single(result.Images);
    }

    [Fact]
    public async Task Snippet_FakeTime_Runs()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        #region fake-time
        var time = new FakeTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 1 }, time); // the real service's pace
        using var client = simulator.CreateClient();

        var call = client.GenerateAsync(new ImageGenerateRequest { Prompt = "a lighthouse", Size = ImageSize.Square1024, Quality = ImageQuality.Low }, cancellationToken);
        await simulator.Recorder.WaitForWaitingCallsAsync(1, cancellationToken); // until the call waits on the clock

        time.Advance(TimeSpan.FromSeconds(39)); // the measured n=1 latency at low quality
        var result = await call;                 // result.ProcessingTime and result.Elapsed: 39 s, in no real time
        #endregion
        Assert.Equal(TimeSpan.FromSeconds(39), result.ProcessingTime);
    }

    [Fact]
    public async Task Snippet_Faults_Runs()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        #region faults
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(configure: o =>
        {
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1); // tests wait for neither back-off…
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(10); // …nor the Retry-After the 429 sends
        });

        // The next image call gets a 429; the client's pipeline retries and the retry succeeds.
        simulator.Faults.OnImageCalls(SimulatedFault.RateLimit(retryAfter: TimeSpan.FromSeconds(2)));
        await client.GenerateAsync(new ImageGenerateRequest { Prompt = "frame 1" }, cancellationToken);

        // A refusal is never retried: it surfaces as its own exception, with the category.
        simulator.Faults.OnImageCalls(SimulatedFault.ContentPolicy("violence"));
        var refused = await Assert.ThrowsAsync<ImageGenContentPolicyException>(
            () => client.GenerateAsync(new ImageGenerateRequest { Prompt = "frame 2" }, cancellationToken));
        Assert.Equal(["violence"], refused.Categories);
        #endregion
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.BadRequest], simulator.Recorder.Select(r => r.StatusCode!.Value));
    }

    [Fact]
    public async Task Snippet_Recorder_Runs()
    {
        var photo = _photo;
        var cancellationToken = TestContext.Current.CancellationToken;
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        await client.EditAsync(new ImageEditRequest("a quiet street", ImageInput.FromBytes(photo)) { Quality = ImageQuality.Low }, cancellationToken);
        #region recorder
        var edit = simulator.Recorder.ImageCalls[^1];
        Assert.Equal(SimulatorRoute.OpenAIEdits, edit.Route);
        Assert.Equal("low", edit.Fields["quality"]);
        Assert.Equal("image[]", edit.Images[0].Field);
        Assert.Equal(ImageFormat.Png, edit.Images[0].Format);     // sniffed from the bytes
        Assert.Equal(photo, edit.Images[0].Data.ToArray());

        Console.WriteLine(simulator.Recorder); // every request; Authorization and api-key show as [REDACTED]
        #endregion
    }

    [Fact]
    public async Task Snippet_FalQueue_Runs()
    {
        var photo = _photo;
        var cancellationToken = TestContext.Current.CancellationToken;
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        #region fal-queue
        using var http = simulator.CreateHttpClient(); // base address https://simulator.pikumo.test/
        http.DefaultRequestHeaders.Add("Authorization", "Key " + simulator.Options.FalApiKey);
        var input = JsonSerializer.Serialize(new
        {
            prompt = "the subject at a cafe",
            image_urls = new[] { "data:image/png;base64," + Convert.ToBase64String(photo) },
            image_size = new { width = 1536, height = 1024 },
            quality = "low",
        });

        using var submitted = await http.PostAsync("fal/queue/openai/gpt-image-2/edit", new StringContent(input, Encoding.UTF8, "application/json"), cancellationToken);
        using var submit = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync(cancellationToken));
        var statusUrl = submit.RootElement.GetProperty("status_url").GetString(); // …/openai/gpt-image-2/requests/{id}/status
        var responseUrl = submit.RootElement.GetProperty("response_url").GetString();

        using var status = await http.GetAsync(statusUrl, cancellationToken);     // 202 IN_QUEUE / IN_PROGRESS, then 200 COMPLETED
        using var output = JsonDocument.Parse(await http.GetStringAsync(responseUrl, cancellationToken));
        var imageUrl = output.RootElement.GetProperty("images")[0].GetProperty("url").GetString(); // on the simulator's own file route
        var png = await http.GetByteArrayAsync(imageUrl, cancellationToken);
        #endregion
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        PngAssert.Valid(png, 1536, 1024);
    }
}
