using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Transports.OpenAI;

/// <summary>What goes on the wire for <c>POST /v1/images/edits</c>, read back by Kestrel's own multipart parser.</summary>
public sealed class EditWireTests
{
    [Fact]
    public async Task EditAsync_AllFieldsSet_SendsEveryFieldWithItsWireNameAndValue()
    {
        var log = new RequestLog();
        var output = TestImages.Png(32, 32, seed: 9);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            log.Add(await ReceivedRequest.ReadAsync(context.Request));
            await OpenAIResponses.WriteAsync(context, OpenAIResponses.ImagesJson([output, output]));
        });
        using var client = Clients.OpenAI(server.Address, o =>
        {
            o.OpenAI.Organization = "org-123";
            o.OpenAI.Project = "proj-456";
        });
        var photo = TestImages.Png(1024, 1024, seed: 1);
        var jpeg = TestImages.Jpeg(800, 600);
        var mask = TestImages.Png(1024, 1024, seed: 2, alpha: true);

        var result = await client.EditAsync(new ImageEditRequest("the subject drinks morning coffee", ImageInput.FromBytes(photo), ImageInput.FromBytes(jpeg))
        {
            Model = ImageModel.GptImage2,
            Count = 2,
            Size = new ImageSize(1536, 1024),
            Quality = ImageQuality.Low,
            InputFidelity = InputFidelity.High,
            Background = ImageBackground.Opaque,
            OutputFormat = ImageFormat.Webp,
            OutputCompression = 80,
            Moderation = ImageModeration.Low,
            User = "user-42",
            Mask = ImageInput.FromBytes(mask),
        }, TestContext.Current.CancellationToken);

        var request = log.Only;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/images/edits", request.Path);
        Assert.StartsWith("multipart/form-data; boundary=", request.ContentType, StringComparison.Ordinal);
        Assert.Equal($"Bearer {Clients.ApiKey}", request.Headers["Authorization"]);
        Assert.Equal("org-123", request.Headers["OpenAI-Organization"]);
        Assert.Equal("proj-456", request.Headers["OpenAI-Project"]);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["model"] = "gpt-image-2",
                ["prompt"] = "the subject drinks morning coffee",
                ["n"] = "2",
                ["size"] = "1536x1024",
                ["quality"] = "low",
                ["background"] = "opaque",
                ["output_format"] = "webp",
                ["output_compression"] = "80",
                ["moderation"] = "low",
                ["input_fidelity"] = "high",
                ["user"] = "user-42",
            },
            request.Fields);
        Assert.Collection(
            request.Files,
            f => Assert.Equal(("image[]", "image-1.png", "image/png"), (f.Name, f.FileName, f.ContentType)),
            f => Assert.Equal(("image[]", "image-2.jpg", "image/jpeg"), (f.Name, f.FileName, f.ContentType)),
            f => Assert.Equal(("mask", "mask.png", "image/png"), (f.Name, f.FileName, f.ContentType)));
        Assert.Equal(photo, request.Files[0].Bytes);
        Assert.Equal(jpeg, request.Files[1].Bytes);
        Assert.Equal(mask, request.Files[2].Bytes);
        Assert.Equal(2, result.Images.Count);
    }

    [Fact]
    public async Task EditAsync_OnlyRequiredFields_SendsModelPromptCountAndQualityAndNothingElse()
    {
        var log = new RequestLog();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            log.Add(await ReceivedRequest.ReadAsync(context.Request));
            await OpenAIResponses.WriteAsync(context, OpenAIResponses.ImagesJson([TestImages.Png()]));
        });
        using var client = Clients.OpenAI(server.Address);

        await client.EditAsync(new ImageEditRequest("a quiet street", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);

        var request = log.Only;
        Assert.Equal(["model", "n", "prompt", "quality"], request.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("gpt-image-2", request.Fields["model"]);
        Assert.Equal("auto", request.Fields["quality"]);
        Assert.Equal("1", request.Fields["n"]);
        var file = Assert.Single(request.Files);
        Assert.Equal("image[]", file.Name);
    }

    [Fact]
    public async Task EditAsync_SixteenReferencesFromFilesAndStreams_SendsEveryOneInOrder()
    {
        var log = new RequestLog();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            log.Add(await ReceivedRequest.ReadAsync(context.Request));
            await OpenAIResponses.WriteAsync(context, OpenAIResponses.ImagesJson([TestImages.Png()]));
        });
        using var client = Clients.OpenAI(server.Address);
        using var folder = new TempFolder();
        var images = Enumerable.Range(0, 16).Select(i => TestImages.Png(16 + i, 16, seed: i)).ToArray();
        var inputs = images.Select((bytes, i) => (i % 3) switch
        {
            0 => ImageInput.FromFile(folder.Write($"ref{i}.png", bytes)),
            1 => ImageInput.FromStream(new NonSeekableStream(bytes)),
            _ => ImageInput.FromStream(new MemoryStream(bytes)),
        }).ToArray();

        await client.EditAsync(new ImageEditRequest("sixteen references", inputs), TestContext.Current.CancellationToken);

        var files = log.Only.Files;
        Assert.Equal(16, files.Count);
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal("image[]", files[i].Name);
            Assert.Equal($"image-{i + 1}.png", files[i].FileName);
            Assert.Equal(images[i], files[i].Bytes);
        }
    }

    [Fact]
    public async Task EditAsync_FileNamedJpgHoldingPng_SendsTheContentTypeOfTheBytes()
    {
        var log = new RequestLog();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            log.Add(await ReceivedRequest.ReadAsync(context.Request));
            await OpenAIResponses.WriteAsync(context, OpenAIResponses.ImagesJson([TestImages.Png()]));
        });
        using var client = Clients.OpenAI(server.Address);
        using var folder = new TempFolder();
        var path = folder.Write("really-a-png.jpg", TestImages.Png());

        await client.EditAsync(new ImageEditRequest("x", ImageInput.FromFile(path)), TestContext.Current.CancellationToken);

        var file = Assert.Single(log.Only.Files);
        Assert.Equal(("image-1.png", "image/png"), (file.FileName, file.ContentType));
    }

    [Fact]
    public async Task GenerateAsync_SendsJsonToGenerationsWithTheSameFields()
    {
        var log = new RequestLog();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            log.Add(await ReceivedRequest.ReadAsync(context.Request));
            await OpenAIResponses.WriteAsync(context, OpenAIResponses.ImagesJson([TestImages.Png()]));
        });
        using var client = Clients.OpenAI(server.Address);

        var result = await client.GenerateAsync(new ImageGenerateRequest("a lighthouse at dusk")
        {
            Size = ImageSize.Portrait1024x1536,
            Quality = ImageQuality.Medium,
            OutputFormat = ImageFormat.Jpeg,
            OutputCompression = 50,
            Moderation = ImageModeration.Auto,
        }, TestContext.Current.CancellationToken);

        var request = log.Only;
        Assert.Equal("/v1/images/generations", request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("gpt-image-2", root.GetProperty("model").GetString());
        Assert.Equal("a lighthouse at dusk", root.GetProperty("prompt").GetString());
        Assert.Equal(1, root.GetProperty("n").GetInt32());
        Assert.Equal("1024x1536", root.GetProperty("size").GetString());
        Assert.Equal("medium", root.GetProperty("quality").GetString());
        Assert.Equal("jpeg", root.GetProperty("output_format").GetString());
        Assert.Equal(50, root.GetProperty("output_compression").GetInt32());
        Assert.Equal("auto", root.GetProperty("moderation").GetString());
        Assert.False(root.TryGetProperty("background", out _));
        Assert.False(root.TryGetProperty("input_fidelity", out _));
        Assert.Single(result.Images);
    }
}
