using System.Reflection;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Tests.Requests;

/// <summary>The one description of the request fields covers every field a caller can set, and drives what each provider accepts.</summary>
public sealed class ImageFieldsTests
{
    [Fact]
    public void EveryRequestProperty_HasAFieldDescription()
    {
        string[] notFields = [nameof(ImageEditRequest.Images), nameof(ImageEditRequest.Mask), "EqualityContract"];
        var properties = typeof(ImageEditRequest).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !notFields.Contains(p.Name))
            .Select(p => "request." + p.Name);

        var described = ImageFields.All.Select(f => f.Property);

        Assert.Empty(properties.Except(described));
    }

    [Fact]
    public void WireNames_AreUniquePerDialect()
    {
        Assert.Equal(ImageFields.All.Count, ImageFields.All.Select(f => f.Wire).Distinct().Count());
        var fal = ImageFields.All.Select(f => f.FalWire).OfType<string>().ToArray();
        Assert.Equal(fal.Length, fal.Distinct().Count());
    }

    [Fact]
    public void FieldsThePolicyCovers_HaveACapabilityAndCanBeCleared()
    {
        Assert.All(ImageFields.All.Where(f => f.Clear is not null), f => Assert.NotNull(f.Supported));
        Assert.All(ImageFields.All.Where(f => f.Supported is not null), f => Assert.NotNull(f.Disable));
    }

    [Fact]
    public void Restrict_ToFalsWireNames_TurnsOffExactlyWhatFalDoesNotTake()
    {
        var all = ImageModelCatalog.Default.Resolve("gpt-image-2");

        var fal = ImageFields.Restrict(all, WireDialect.Fal);

        Assert.Equal(
            (false, false, TransparencySupport.None, false, false, false, false, 0, false),
            (fal.SupportsInputFidelity, fal.SupportsBackground, fal.Transparency, fal.SupportsOutputCompression, fal.SupportsModeration, fal.SupportsUser, fal.SupportsStreaming, fal.MaxPartialImages, fal.RequiresResponseFormat));
        Assert.Equal(all.Qualities, fal.Qualities);
        Assert.Equal(all.OutputFormats, fal.OutputFormats);
        Assert.Equal(all.Sizes, fal.Sizes);
    }

    [Fact]
    public void Restrict_ToOpenAIsWireNames_ChangesNothing()
    {
        var all = ImageModelCatalog.Default.Resolve("gpt-image-2");

        Assert.Equal(all, ImageFields.Restrict(all, WireDialect.OpenAI));
    }
}
