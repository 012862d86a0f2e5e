using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Hosting;

/// <summary>Only what surely did not run is retried.</summary>
public sealed class RetryTests
{
    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    public async Task EditAsync_TransientStatusThenSuccess_IsRetriedAndSucceeds(int status)
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            await c.Request.Body.CopyToAsync(Stream.Null);
            await (Interlocked.Increment(ref calls) == 1
                ? OpenAIResponses.WriteAsync(c, OpenAIResponses.Error("try again", "server_error", null), status, headers: new Dictionary<string, string> { ["retry-after-ms"] = "1" })
                : OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()])));
        });
        using var client = Clients.OpenAI(server.Address);

        var result = await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);

        Assert.Single(result.Images);
        Assert.Equal(2, calls);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task EditAsync_ClientError_IsNotRetried(int status)
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            Interlocked.Increment(ref calls);
            return OpenAIResponses.WriteAsync(c, OpenAIResponses.Error("no", "invalid_request_error", "x"), status);
        });
        using var client = Clients.OpenAI(server.Address);

        await Assert.ThrowsAnyAsync<ImageGenProviderException>(() => client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task EditAsync_NonSeekableReference_IsNotRetriedBecauseItCannotBeSentAgain()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            Interlocked.Increment(ref calls);
            await c.Request.Body.CopyToAsync(Stream.Null);
            await OpenAIResponses.WriteAsync(c, OpenAIResponses.Error("busy", "server_error", null), 503);
        });
        using var client = Clients.OpenAI(server.Address);

        var error = await Assert.ThrowsAsync<ImageGenServerException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromStream(new NonSeekableStream(TestImages.Png()))), TestContext.Current.CancellationToken));

        Assert.Equal(503, (int)error.StatusCode);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task EditAsync_FileReference_IsReopenedForTheRetry()
    {
        var bodies = new List<byte[]>();
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            var request = await ReceivedRequest.ReadAsync(c.Request);
            lock (bodies)
            {
                bodies.Add(request.Files[0].Bytes);
            }

            await (bodies.Count == 1
                ? OpenAIResponses.WriteAsync(c, OpenAIResponses.Error("busy", "server_error", null), 503)
                : OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()])));
        });
        using var client = Clients.OpenAI(server.Address);
        using var folder = new TempFolder();
        var photo = TestImages.Png(100, 80);

        await client.EditAsync(new ImageEditRequest("x", ImageInput.FromFile(folder.Write("p.png", photo))), TestContext.Current.CancellationToken);

        Assert.Equal(2, bodies.Count);
        Assert.All(bodies, b => Assert.Equal(photo, b));
    }
}
