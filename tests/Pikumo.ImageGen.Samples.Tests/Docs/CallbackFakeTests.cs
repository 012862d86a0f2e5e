#region testing-callback-fake
using Pikumo.ImageGen;
using Pikumo.ImageGen.Testing;
using Xunit;

namespace MyApp.Tests;

public sealed class CallbackFakeTests
{
    [Fact]
    public async Task Generate_OnTheFake_AnswersWhatTheCallbackBuilds()
    {
        var fake = new FakeImageTransport
        {
            // Answer as the test needs; without a callback the fake returns as many PNGs as asked, of the asked size.
            SendAsyncCallback = (request, ct) => Task.FromResult(ImageGenModelFactory.ImageResult(imageCount: request.Count, requestId: "req_cover_1")),
        };
        using ImageGenClient client = fake.CreateClient();   // a real client in front: validation, defaults and cost still run

        ImageResult result = await client.GenerateAsync(new ImageGenerateRequest("a book cover") { Count = 2 }, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Images.Count);
        Assert.Equal("req_cover_1", result.RequestId);
        Assert.Equal(2, Assert.Single(fake.Requests).Count);   // what the client would have sent
    }
}
#endregion
