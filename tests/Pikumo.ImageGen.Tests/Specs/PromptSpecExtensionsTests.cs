using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

public sealed class PromptSpecExtensionsTests
{
    private static readonly ImageInput Photo = ImageInput.FromBytes(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "mia.png");

    [Fact]
    public void ToVariantsRequest_ModeB_AsksForFourVariantsOfThePinnedSpec()
    {
        var spec = SeedSpecs.ModeB();

        var request = spec.ToVariantsRequest(4, Photo);

        Assert.Equal(4, request.Count);
        Assert.Equal(spec.Render(), request.Prompt.Text);
        Assert.Same(spec, request.Prompt.Spec);
        Assert.Same(Photo, Assert.Single(request.Images));
        Assert.Null(request.Size);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ToVariantsRequest_CountUnder1_ThrowsNamingTheCount(int count)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => SeedSpecs.ModeB().ToVariantsRequest(count, Photo));

        Assert.Equal("count", exception.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(11)]
    public void ToVariantsRequest_AnyPositiveCount_IsLeftToTheCapabilityTable(int count)
    {
        Assert.Equal(count, SeedSpecs.ModeB().ToVariantsRequest(count, Photo).Count);
    }

    [Theory]
    [InlineData(11, 10)]
    [InlineData(5, 4)]
    public async Task ToVariantsRequest_MoreThanTheModelMakes_IsRefusedByTheClientFromTheCapabilityTable(int count, int maxCount)
    {
        var fake = new Pikumo.ImageGen.Testing.FakeImageTransport { AdjustCapabilitiesCallback = c => c with { MaxCount = maxCount } };
        using var client = fake.CreateClient();

        var exception = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.EditAsync(SeedSpecs.ModeB().ToVariantsRequest(count, Photo), TestContext.Current.CancellationToken));

        Assert.Equal("request.Count", exception.ParamName);
        Assert.Contains($"between 1 and {maxCount}", exception.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public void ToEditRequest_Composite_UsesTheCanvasAsTheSizeAndOneImage()
    {
        var request = SeedSpecs.ModeE().ToEditRequest(Photo);

        Assert.Equal(1, request.Count);
        Assert.Equal(ImageSize.Landscape1536x1024, request.Size);
    }

    [Fact]
    public void ToEditRequest_FewerImagesThanReferences_ThrowsNamingTheImages()
    {
        var spec = SeedSpecs.ModeE().ToBuilder().AddContinuityReference().Build();

        var exception = Assert.Throws<ArgumentException>(() => spec.ToEditRequest(Photo));

        Assert.Equal("images", exception.ParamName);
        Assert.Contains("2 reference image(s) but 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToEditRequest_SpecWithoutReferences_ThrowsNamingTheImages()
    {
        var spec = new PromptSpecBuilder().WithScene("coffee").Build();

        var exception = Assert.Throws<ArgumentException>(() => spec.ToEditRequest());

        Assert.Equal("images", exception.ParamName);
    }
}
