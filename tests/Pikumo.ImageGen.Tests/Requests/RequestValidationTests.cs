using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Requests;

/// <summary>Every validation rule refuses bad input with an ArgumentException naming the field, before anything is sent.</summary>
public sealed class RequestValidationTests
{
    private static readonly byte[] Photo = TestImages.Png(1024, 1024);

    private static ImageEditRequest Edit(Func<ImageEditRequest, ImageEditRequest>? change = null)
    {
        var request = new ImageEditRequest("a scene", ImageInput.FromBytes(Photo)) { Model = ImageModel.GptImage2 };
        return change is null ? request : change(request);
    }

    private static async Task<ArgumentException> RefusedAsync(ImageEditRequest request, string expectedParam, Action<ImageGenOptions>? configure = null)
    {
        var (client, handler) = NoNetworkHandler.CreateClient(configure);
        using (client)
        {
            var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => client.EditAsync(request, TestContext.Current.CancellationToken));
            Assert.Equal(expectedParam, error.ParamName);
            Assert.Equal(0, handler.Calls);
            return error;
        }
    }

    public static TheoryData<string?> BlankPrompts => new() { string.Empty, "   ", "\n\t" };

    [Theory]
    [MemberData(nameof(BlankPrompts))]
    public async Task EditAsync_BlankPrompt_IsRefused(string? prompt) =>
        await RefusedAsync(Edit(r => r with { Prompt = prompt! }), "request.Prompt");

    [Fact]
    public async Task EditAsync_DefaultPrompt_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Prompt = default }), "request.Prompt");

    [Fact]
    public async Task EditAsync_PromptOverModelLimit_IsRefusedWithTheLimit()
    {
        var error = await RefusedAsync(Edit(r => r with { Prompt = new string('a', 32_001) }), "request.Prompt");
        Assert.Contains("32,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_PromptAtModelLimit_IsSent()
    {
        var (client, handler) = NoNetworkHandler.CreateClient();
        using (client)
        {
            await client.EditAsync(Edit(r => r with { Prompt = new string('a', 32_000) }), TestContext.Current.CancellationToken);
            Assert.Equal(1, handler.Calls);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(11)]
    public async Task EditAsync_CountOutsideOneToTen_IsRefused(int count)
    {
        var error = await RefusedAsync(Edit(r => r with { Count = count }), "request.Count");
        Assert.IsType<ArgumentOutOfRangeException>(error);
        Assert.Contains("'n'", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BadGptImage2Sizes => new()
    {
        { "1000x1000", "multiples of 16" },
        { "3840x1024", "aspect ratio" },
        { "4096x2304", "longest edge" },
        { "512x512", "pixels" },
        { "3840x2400", "pixels" },
    };

    [Theory]
    [MemberData(nameof(BadGptImage2Sizes))]
    public async Task EditAsync_SizeBreakingGptImage2Rules_IsRefusedNamingTheRule(string size, string rule)
    {
        var error = await RefusedAsync(Edit(r => r with { Size = ImageSize.Parse(size) }), "request.Size");
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2048x1152")]
    [InlineData("3840x2160")]
    [InlineData("1536x1024")]
    [InlineData("auto")]
    public async Task EditAsync_SizeWithinGptImage2Rules_IsSent(string size)
    {
        var (client, handler) = NoNetworkHandler.CreateClient();
        using (client)
        {
            await client.EditAsync(Edit(r => r with { Size = ImageSize.Parse(size) }), TestContext.Current.CancellationToken);
            Assert.Equal(1, handler.Calls);
        }
    }

    [Fact]
    public async Task EditAsync_FlexibleSizeOnGptImage15_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Model = ImageModel.GptImage15, Size = new ImageSize(2048, 1152) }), "request.Size");

    [Fact]
    public async Task EditAsync_QualityTheModelDoesNotTake_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Quality = ImageQuality.Standard }), "request.Quality");

    [Fact]
    public async Task EditAsync_UnknownOutputFormat_IsRefused() =>
        await RefusedAsync(Edit(r => r with { OutputFormat = "gif" }), "request.OutputFormat");

    [Fact]
    public async Task EditAsync_TransparentBackgroundWithJpeg_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Background = ImageBackground.Transparent, OutputFormat = ImageFormat.Jpeg }), "request.Background");

    [Fact]
    public async Task EditAsync_UnknownBackground_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Background = "blue" }), "request.Background");

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task EditAsync_CompressionOutsideZeroToHundred_IsRefused(int compression) =>
        await RefusedAsync(Edit(r => r with { OutputFormat = ImageFormat.Jpeg, OutputCompression = compression }), "request.OutputCompression");

    [Fact]
    public async Task EditAsync_CompressionWithPng_IsRefused() =>
        await RefusedAsync(Edit(r => r with { OutputFormat = ImageFormat.Png, OutputCompression = 50 }), "request.OutputCompression");

    [Fact]
    public async Task EditAsync_UnknownModeration_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Moderation = "high" }), "request.Moderation");

    [Fact]
    public async Task EditAsync_EmptyUser_IsRefused() =>
        await RefusedAsync(Edit(r => r with { User = " " }), "request.User");

    [Fact]
    public async Task EditAsync_InputFidelityOnGptImage1Mini_IsRefusedByDefault()
    {
        var error = await RefusedAsync(Edit(r => r with { Model = ImageModel.GptImage1Mini, InputFidelity = InputFidelity.High }), "request.InputFidelity");
        Assert.Contains("UnsupportedParameters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_UnknownInputFidelity_IsRefused() =>
        await RefusedAsync(Edit(r => r with { InputFidelity = "medium" }), "request.InputFidelity");

    [Fact]
    public async Task EditAsync_PartialImagesWithoutStreaming_IsRefused() =>
        await RefusedAsync(Edit(r => r with { PartialImages = 2 }), "request.PartialImages");

    [Fact]
    public async Task StreamEditAsync_PartialImagesAboveThree_IsRefused()
    {
        var (client, handler) = NoNetworkHandler.CreateClient();
        using (client)
        {
            var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
            {
                await foreach (var _ in client.StreamEditAsync(Edit(r => r with { PartialImages = 4 }), TestContext.Current.CancellationToken))
                {
                }
            });
            Assert.Equal("request.PartialImages", error.ParamName);
            Assert.Equal(0, handler.Calls);
        }
    }

    [Fact]
    public async Task EditAsync_NoImages_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Images = [] }), "request.Images");

    [Fact]
    public async Task EditAsync_SeventeenImages_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Images = Enumerable.Repeat(ImageInput.FromBytes(Photo), 17).ToArray() }), "request.Images");

    [Fact]
    public async Task EditAsync_NullImage_IsRefusedNamingItsIndex() =>
        await RefusedAsync(Edit(r => r with { Images = [ImageInput.FromBytes(Photo), null!] }), "request.Images[1]");

    [Fact]
    public async Task EditAsync_EmptyImage_IsRefused()
    {
        var error = await RefusedAsync(Edit(r => r with { Images = [ImageInput.FromBytes(Array.Empty<byte>())] }), "request.Images[0]");
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_EmptyNonSeekableStream_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Images = [ImageInput.FromStream(new NonSeekableStream([]))] }), "request.Images[0]");

    [Fact]
    public async Task EditAsync_TextInsteadOfImage_IsRefused()
    {
        var error = await RefusedAsync(Edit(r => r with { Images = [ImageInput.FromBytes("hello, not a picture"u8.ToArray(), "photo.png")] }), "request.Images[0]");
        Assert.Contains("not a PNG, JPEG or WEBP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_GifImage_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Images = [ImageInput.FromBytes("GIF89a\u0001\0\u0001\0"u8.ToArray())] }), "request.Images[0]");

    [Fact]
    public async Task EditAsync_TruncatedPng_IsRefused()
    {
        var truncated = Photo.AsSpan(0, Photo.Length / 2).ToArray();
        var error = await RefusedAsync(Edit(r => r with { Images = [ImageInput.FromBytes(truncated)] }), "request.Images[0]");
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_TruncatedFile_IsRefused()
    {
        using var folder = new TempFolder();
        var path = folder.Write("cut.png", Photo.AsSpan(0, Photo.Length - 5).ToArray());
        await RefusedAsync(Edit(r => r with { Images = [ImageInput.FromFile(path)] }), "request.Images[0]");
    }

    [Fact]
    public async Task EditAsync_ImageOverModelSizeLimit_IsRefused()
    {
        var small = ImageModelCatalog.Default.Resolve("gpt-image-2") with { MaxReferenceImageBytes = 1024 };
        var error = await RefusedAsync(Edit(), "request.Images[0]", o => o.Models = o.Models.With(small));
        Assert.Contains("at most 1,024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_FileDeletedAfterItWasChosen_IsRefused()
    {
        using var folder = new TempFolder();
        var path = folder.Write("gone.png", Photo);
        var input = ImageInput.FromFile(path);
        File.Delete(path);
        await RefusedAsync(Edit(r => r with { Images = [input] }), "request.Images[0]");
    }

    [Fact]
    public void FromFile_MissingFile_IsRefusedNamingThePath()
    {
        var error = Assert.Throws<ArgumentException>(() => ImageInput.FromFile("/no/such/photo.png"));
        Assert.Equal("path", error.ParamName);
    }

    [Fact]
    public void FromFile_Directory_IsRefused()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<ArgumentException>(() => ImageInput.FromFile(folder.Path));
        Assert.Contains("directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStream_UnreadableStream_IsRefused()
    {
        using var stream = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        Assert.Throws<ArgumentException>(() => ImageInput.FromStream(stream));
    }

    [Fact]
    public async Task EditAsync_JpegMask_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Mask = ImageInput.FromBytes(TestImages.Jpeg(1024, 1024)) }), "request.Mask");

    [Fact]
    public async Task EditAsync_MaskWithoutAlpha_IsRefused()
    {
        var error = await RefusedAsync(Edit(r => r with { Mask = ImageInput.FromBytes(TestImages.Png(1024, 1024, alpha: false)) }), "request.Mask");
        Assert.Contains("alpha", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_MaskOfAnotherSize_IsRefused()
    {
        var error = await RefusedAsync(Edit(r => r with { Mask = ImageInput.FromBytes(TestImages.Png(512, 512, alpha: true)) }), "request.Mask");
        Assert.Contains("512x512", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_MaskOverFourMegabytes_IsRefused()
    {
        var big = TestImages.Png(1100, 1100, alpha: true, noise: true);
        Assert.True(big.Length > 4 * 1024 * 1024);
        await RefusedAsync(Edit(r => r with { Images = [ImageInput.FromBytes(TestImages.Png(1100, 1100))], Mask = ImageInput.FromBytes(big) }), "request.Mask");
    }

    [Fact]
    public async Task EditAsync_DallE2WithRectangularReference_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Model = ImageModel.DallE2, Images = [ImageInput.FromBytes(TestImages.Png(64, 32))] }), "request.Images[0]");

    [Fact]
    public async Task EditAsync_DallE2WithTwoReferences_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Model = ImageModel.DallE2, Images = [ImageInput.FromBytes(Photo), ImageInput.FromBytes(Photo)] }), "request.Images");

    [Fact]
    public async Task EditAsync_DallE2WithJpeg_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Model = ImageModel.DallE2, Images = [ImageInput.FromBytes(TestImages.Jpeg(512, 512))] }), "request.Images[0]");

    [Fact]
    public async Task EditAsync_DallE2WithAutoSize_IsRefused() =>
        await RefusedAsync(Edit(r => r with { Model = ImageModel.DallE2, Size = ImageSize.Auto }), "request.Size");

    [Fact]
    public void ImageModel_Blank_IsRefused() => Assert.Throws<ArgumentException>(() => new ImageModel(" "));

    [Fact]
    public async Task EditAsync_NullRequest_IsRefused()
    {
        var (client, _) = NoNetworkHandler.CreateClient();
        using (client)
        {
            await Assert.ThrowsAsync<ArgumentNullException>(() => client.EditAsync(null!, TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task EditAsync_UnknownModel_PassesThroughWithUniversalLimitsOnly()
    {
        var (client, handler) = NoNetworkHandler.CreateClient();
        using (client)
        {
            await client.EditAsync(Edit(r => r with { Model = "gpt-image-9-preview", Size = new ImageSize(999, 777) }), TestContext.Current.CancellationToken);
            Assert.Equal(1, handler.Calls);
        }
    }

    [Fact]
    public async Task EditAsync_DatedSnapshot_UsesItsModelsRules() =>
        await RefusedAsync(Edit(r => r with { Model = ImageModel.GptImage2Snapshot20260421, Size = new ImageSize(1000, 1000) }), "request.Size");

    [Fact]
    public async Task EditAsync_ModelAlias_UsesTheAliasedModelsRules() =>
        await RefusedAsync(Edit(r => r with { Model = "my-deployment", Size = new ImageSize(2048, 1152) }), "request.Size", o => o.ModelAliases["my-deployment"] = "gpt-image-1.5");
}
