using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Transports.OpenAI;

/// <summary>
/// References stream from their source into the body. Run alone (no parallel tests), so the process-wide
/// allocation counter measures this upload only.
/// </summary>
[Collection(nameof(MeasuredAllocations))]
public sealed class UploadStreamingTests
{
    private const long ThirtyMegabytes = 30L * 1024 * 1024;

    [Fact]
    public async Task EditAsync_NonSeekable30MegabyteStream_IsUploadedWithoutBeingBufferedWhole()
    {
        var received = 0L;
        var hash = string.Empty;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            // Read the multipart body section by section, hashing the image as it streams (no form buffering).
            var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(context.Request.ContentType).Boundary).Value!;
            var reader = new MultipartReader(boundary, context.Request.Body);
            received = 0;
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[64 * 1024];
            while (await reader.ReadNextSectionAsync() is { } section)
            {
                if (section.ContentDisposition?.Contains("image[]", StringComparison.Ordinal) != true)
                {
                    continue;
                }

                int n;
                while ((n = await section.Body.ReadAsync(buffer)) > 0)
                {
                    sha.AppendData(buffer, 0, n);
                    received += n;
                }
            }

            hash = Convert.ToHexString(sha.GetHashAndReset());
            await OpenAIResponses.WriteAsync(context, OpenAIResponses.ImagesJson([TestImages.Png()]));
        });
        using var client = Clients.OpenAI(server.Address);
        var header = TestImages.Png(2048, 2048);
        var source = new NonSeekableStream(header[..^12], ThirtyMegabytes - 12);
        var expectedHash = ExpectedHash(header[..^12], ThirtyMegabytes - 12);

        // Warm up: JIT, connection pool and Kestrel, so the measurement sees the steady state.
        await client.EditAsync(new ImageEditRequest("warm-up", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await client.EditAsync(new ImageEditRequest("big", ImageInput.FromStream(source)), TestContext.Current.CancellationToken);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(ThirtyMegabytes - 12, received);
        Assert.Equal(expectedHash, hash);
        Assert.True(allocated < ThirtyMegabytes / 4, $"The 30 MB upload allocated {allocated:N0} bytes in the whole process; buffering it would allocate more than 30 MB.");
        TestContext.Current.TestOutputHelper?.WriteLine($"30 MB non-seekable upload: {allocated:N0} bytes allocated (client and server together)");
    }

    [Fact]
    public async Task EditAsync_NonSeekableStreamOverTheLimit_IsStoppedWhileStreamingWithTheParameterNamed()
    {
        var small = ImageModelCatalog.Default.Resolve("gpt-image-2") with { MaxReferenceImageBytes = 1024 * 1024 };
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            await OpenAIResponses.WriteAsync(context, OpenAIResponses.ImagesJson([TestImages.Png()]));
        });
        using var client = Clients.OpenAI(server.Address, o => o.Models = o.Models.With(small));
        var source = new NonSeekableStream(TestImages.Png(512, 512)[..^12], 3L * 1024 * 1024);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.EditAsync(new ImageEditRequest("too big", ImageInput.FromStream(source)), TestContext.Current.CancellationToken));

        Assert.Equal("request.Images[0]", error.ParamName);
        Assert.True(source.BytesRead < 2L * 1024 * 1024, "the upload stops at the limit");
    }

    private static string ExpectedHash(byte[] prefix, long length)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var stream = new NonSeekableStream(prefix, length);
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = stream.Read(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, n);
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}

/// <summary>Tests that measure process-wide allocations run alone.</summary>
[CollectionDefinition(nameof(MeasuredAllocations), DisableParallelization = true)]
public sealed class MeasuredAllocations;
