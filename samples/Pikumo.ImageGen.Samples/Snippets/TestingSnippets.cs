using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Samples.Snippets;

/// <summary>The unit-test helpers docs/testing.md shows; compiled here, quoted there (checked by a test). Not run.</summary>
internal static class TestingSnippets
{
    public static async Task<ImageResult> CallbackFakeAsync(CancellationToken cancellationToken)
    {
        #region testing-callback-fake
        var fake = new FakeImageTransport
        {
            // Answer as the test needs; without a callback the fake returns as many PNGs as asked, of the asked size.
            SendAsyncCallback = (request, ct) => Task.FromResult(ImageGenModelFactory.ImageResult(imageCount: request.Count, requestId: "req_cover_1")),
        };
        using ImageGenClient client = fake.CreateClient();   // a real client in front: validation, defaults and cost still run

        ImageResult result = await client.GenerateAsync(new ImageGenerateRequest("a book cover") { Count = 2 }, cancellationToken);
        // fake.Requests holds what the client would have sent.
        #endregion
        return result;
    }
}
