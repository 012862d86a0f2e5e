using System.Text;
using Microsoft.AspNetCore.Http;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Transports.OpenAI;

/// <summary>Server-sent partial and final images, as OpenAI streams them with stream=true.</summary>
public sealed class StreamingTests
{
    private static string Event(string type, byte[] image, string extra) =>
        $"event: {type}\ndata: {{\"type\":\"{type}\",\"b64_json\":\"{Convert.ToBase64String(image)}\",\"created_at\":1,\"size\":\"1024x1024\",\"quality\":\"low\",\"background\":\"opaque\",\"output_format\":\"png\"{extra}}}\n\n";

    [Fact]
    public async Task StreamEditAsync_YieldsPartialsThenTheFinalImageWithUsage()
    {
        var partials = new[] { TestImages.Png(seed: 10), TestImages.Png(seed: 11) };
        var final = TestImages.Png(seed: 12);
        var log = new RequestLog();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            log.Add(await ReceivedRequest.ReadAsync(context.Request));
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers["x-request-id"] = "req_stream";
            for (var i = 0; i < partials.Length; i++)
            {
                await context.Response.WriteAsync(Event("image_edit.partial_image", partials[i], $",\"partial_image_index\":{i}"));
                await context.Response.Body.FlushAsync();
            }

            await context.Response.WriteAsync(Event("image_edit.completed", final, ",\"usage\":{\"total_tokens\":100,\"input_tokens\":50,\"output_tokens\":50,\"input_tokens_details\":{\"text_tokens\":10,\"image_tokens\":40}}"));
        });
        using var client = Clients.OpenAI(server.Address);

        var updates = new List<ImageStreamUpdate>();
        await foreach (var update in client.StreamEditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())) { PartialImages = 2 }, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.Equal("true", log.Only.Fields["stream"]);
        Assert.Equal("2", log.Only.Fields["partial_images"]);
        Assert.Collection(
            updates,
            u => AssertPartial(u, 0, partials[0]),
            u => AssertPartial(u, 1, partials[1]),
            u =>
            {
                Assert.Equal(ImageStreamUpdateKind.Completed, u.Kind);
                Assert.Equal(final, u.Image.Data.ToArray());
                Assert.Equal(100, u.Usage!.TotalTokens);
                Assert.Equal("req_stream", u.RequestId);
                Assert.NotNull(u.Cost);
            });
    }

    private static void AssertPartial(ImageStreamUpdate update, int index, byte[] image)
    {
        Assert.Equal(ImageStreamUpdateKind.Partial, update.Kind);
        Assert.Equal(index, update.PartialImageIndex);
        Assert.Equal(image, update.Image.Data.ToArray());
    }

    [Fact]
    public async Task StreamGenerateAsync_ErrorEvent_BecomesTheTypedException()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync("event: error\ndata: {\"type\":\"error\",\"error\":{\"message\":\"blocked\",\"type\":\"image_generation_user_error\",\"code\":\"moderation_blocked\",\"param\":null}}\n\n");
        });
        using var client = Clients.OpenAI(server.Address);

        await Assert.ThrowsAsync<ImageGenContentPolicyException>(async () =>
        {
            await foreach (var _ in client.StreamGenerateAsync(new ImageGenerateRequest("x"), TestContext.Current.CancellationToken))
            {
            }
        });
    }

    [Fact]
    public async Task StreamGenerateAsync_StreamEndsWithoutFinalImage_IsAProtocolError()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(Event("image_generation.partial_image", TestImages.Png(), ",\"partial_image_index\":0"));
        });
        using var client = Clients.OpenAI(server.Address);
        var seen = new List<ImageStreamUpdateKind>();

        await Assert.ThrowsAsync<ImageGenProtocolException>(async () =>
        {
            await foreach (var update in client.StreamGenerateAsync(new ImageGenerateRequest("x") { PartialImages = 1 }, TestContext.Current.CancellationToken))
            {
                seen.Add(update.Kind);
            }
        });
        Assert.Equal([ImageStreamUpdateKind.Partial], seen);
    }

    [Fact]
    public async Task StreamEditAsync_StreamCutMidEvent_IsAProtocolErrorWithTheRequestId()
    {
        var firstEventReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers["x-request-id"] = "req_cut";
            var partial = Event("image_edit.partial_image", TestImages.Png(), ",\"partial_image_index\":0");
            await context.Response.WriteAsync(partial + partial[..(partial.Length / 2)]);
            await context.Response.Body.FlushAsync();
            await firstEventReceived.Task.WaitAsync(TestContext.Current.CancellationToken); // the reset comes after the client read the first event
            context.Abort();
        });
        using var client = Clients.OpenAI(server.Address);

        var error = await Assert.ThrowsAsync<ImageGenProtocolException>(async () =>
        {
            await foreach (var _ in client.StreamEditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())) { PartialImages = 1 }, TestContext.Current.CancellationToken))
            {
                firstEventReceived.TrySetResult();
            }
        });

        Assert.Equal("req_cut", error.RequestId);
        Assert.Contains("cut off", error.Message, StringComparison.Ordinal);
    }
}
