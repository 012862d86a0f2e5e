using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Requests;

/// <summary>
/// The bad-input matrix: one row per case, each refused with the expected exception naming the parameter, and a
/// real loopback server that receives nothing.
/// </summary>
public sealed class BadInputMatrixTests
{
    private static readonly byte[] Photo = TestImages.Png(1024, 1024);
    private static readonly string MissingFile = Path.Combine(Path.GetTempPath(), "pikumo-no-such-photo.png");

    private static ImageEditRequest Valid() => new("a scene", ImageInput.FromBytes(Photo)) { Model = ImageModel.GptImage2 };

    public static TheoryData<string, Func<ImageEditRequest>, Type, string> Cases => new()
    {
        { "null prompt", () => Valid() with { Prompt = default }, typeof(ArgumentException), "request.Prompt" },
        { "empty prompt", () => Valid() with { Prompt = string.Empty }, typeof(ArgumentException), "request.Prompt" },
        { "whitespace prompt", () => Valid() with { Prompt = " \t " }, typeof(ArgumentException), "request.Prompt" },
        { "over-long prompt", () => Valid() with { Prompt = new string('x', 32_001) }, typeof(ArgumentException), "request.Prompt" },
        { "zero images", () => Valid() with { Images = [] }, typeof(ArgumentException), "request.Images" },
        { "too many images", () => Valid() with { Images = [.. Enumerable.Repeat(ImageInput.FromBytes(Photo), 17)] }, typeof(ArgumentOutOfRangeException), "request.Images" },
        { "empty image", () => Valid() with { Images = [ImageInput.FromBytes(Array.Empty<byte>())] }, typeof(ArgumentException), "request.Images[0]" },
        { "truncated image", () => Valid() with { Images = [ImageInput.FromBytes(Photo.AsMemory(0, Photo.Length / 3))] }, typeof(ArgumentException), "request.Images[0]" },
        { "non-image", () => Valid() with { Images = [ImageInput.FromBytes("%PDF-1.7 not a picture"u8.ToArray())] }, typeof(ArgumentException), "request.Images[0]" },
        { "over-size image", () => Valid() with { Model = ImageModel.DallE2, Images = [ImageInput.FromBytes(TestImages.Png(1100, 1100, alpha: true, noise: true))] }, typeof(ArgumentException), "request.Images[0]" },
        { "mask of another size", () => Valid() with { Mask = ImageInput.FromBytes(TestImages.Png(512, 512, alpha: true)) }, typeof(ArgumentException), "request.Mask" },
        { "mask without alpha", () => Valid() with { Mask = ImageInput.FromBytes(TestImages.Png(1024, 1024)) }, typeof(ArgumentException), "request.Mask" },
        { "file deleted after choosing it", () => Valid() with { Images = [DeletedFile()] }, typeof(ArgumentException), "request.Images[0]" },
        { "n = 0", () => Valid() with { Count = 0 }, typeof(ArgumentOutOfRangeException), "request.Count" },
        { "n = 11", () => Valid() with { Count = 11 }, typeof(ArgumentOutOfRangeException), "request.Count" },
        { "size not ×16", () => Valid() with { Size = new ImageSize(1000, 1000) }, typeof(ArgumentException), "request.Size" },
        { "size beyond 3:1", () => Valid() with { Size = new ImageSize(3200, 1024) }, typeof(ArgumentException), "request.Size" },
        { "free size on gpt-image-1", () => Valid() with { Model = ImageModel.GptImage1, Size = new ImageSize(2048, 1152) }, typeof(ArgumentException), "request.Size" },
        { "compression 101", () => Valid() with { OutputFormat = ImageFormat.Jpeg, OutputCompression = 101 }, typeof(ArgumentOutOfRangeException), "request.OutputCompression" },
        { "compression -1", () => Valid() with { OutputFormat = ImageFormat.Webp, OutputCompression = -1 }, typeof(ArgumentOutOfRangeException), "request.OutputCompression" },
        { "input fidelity on gpt-image-1-mini", () => Valid() with { Model = ImageModel.GptImage1Mini, InputFidelity = InputFidelity.High }, typeof(ArgumentException), "request.InputFidelity" },
        { "transparent jpeg", () => Valid() with { Background = ImageBackground.Transparent, OutputFormat = ImageFormat.Jpeg }, typeof(ArgumentException), "request.Background" },
        { "quality dall-e-2 only", () => Valid() with { Quality = ImageQuality.Standard }, typeof(ArgumentException), "request.Quality" },
        { "partial images without streaming", () => Valid() with { PartialImages = 1 }, typeof(ArgumentException), "request.PartialImages" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EditAsync_BadInput_IsRefusedNamingTheParameterAndNothingIsSent(string name, Func<ImageEditRequest> request, Type expected, string parameter)
    {
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()])));
        using var client = Clients.OpenAI(server.Address);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.EditAsync(request(), TestContext.Current.CancellationToken));

        Assert.True(error.GetType() == expected, $"{name}: {error.GetType().Name}: {error.Message}");
        Assert.Equal(parameter, error.ParamName);
        Assert.Equal(0, server.RequestCount);
    }

    public static TheoryData<string, Action, string> Constructors => new()
    {
        { "path that does not exist", () => ImageInput.FromFile(MissingFile), "path" },
        { "path that is a directory", () => ImageInput.FromFile(Path.GetTempPath()), "path" },
        { "sequence with no beats", () => _ = new SequenceRequest(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production), []), "beats" },
        { "composite with more beats than panels", () => new CompositeLayoutBuilder(2, 2, ImageSize.Square1024).AddBeats(["a", "b", "c", "d", "e"]), "beats" },
        { "composite with more than 8 panels", () => _ = new CompositeLayoutBuilder(3, 3, ImageSize.Square1024), "columns" },
    };

    [Theory]
    [MemberData(nameof(Constructors))]
    public void Construct_BadInput_IsRefusedNamingTheParameter(string name, Action construct, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(construct);

        Assert.True(error.ParamName == parameter, $"{name}: ParamName {error.ParamName}: {error.Message}");
    }

    private static ImageInput DeletedFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pikumo-deleted-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(path, Photo);
        var input = ImageInput.FromFile(path);
        File.Delete(path);
        return input;
    }
}
