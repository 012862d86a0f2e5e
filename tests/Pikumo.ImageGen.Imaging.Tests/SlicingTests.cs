using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using SkiaSharp;

namespace Pikumo.ImageGen.Imaging.Tests;

/// <summary>Slicing a simulator-made storyboard: 8 panels whose pixels are the composite's pixels inside each rectangle.</summary>
public sealed class SlicingTests
{
    internal static readonly string[] Beats =
    [
        "early-morning bedroom", "coffee", "train commute", "cafe lunch",
        "afternoon reading", "midday park", "dinner cooking", "dusk balcony",
    ];

    [Theory]
    [InlineData(1536, 1024)]
    [InlineData(1024, 1024)]
    public async Task SliceAsync_SimulatorStoryboard_ReturnsEachPanelsPixels(int width, int height)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        var layout = new CompositeLayoutBuilder(2, 4, new ImageSize(width, height)).AddBeats(Beats.Select(Scene.FromBeat)).Build();
        var spec = new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithLayout(layout).Build();
        var result = await client.EditAsync(spec.ToEditRequest(ImageInput.FromBytes(Png(64, 64, SKColors.Teal))), TestContext.Current.CancellationToken);
        var composite = result.Images[0];
        Assert.Equal((width, height), (composite.Width, composite.Height));

        var panels = await new SkiaCompositeSlicer().SliceAsync(composite, layout, TestContext.Current.CancellationToken);

        Assert.Equal(8, panels.Count);
        using var whole = SKBitmap.Decode(composite.Data.ToArray());
        for (var i = 0; i < 8; i++)
        {
            var rect = layout.Panels[i].Bounds;
            using var panel = SKBitmap.Decode(panels[i].Data.ToArray());
            Assert.Equal((rect.Width, rect.Height), (panel.Width, panel.Height));
            Assert.Equal(i, panels[i].Index);
            for (var y = 0; y < rect.Height; y += 7)
            {
                for (var x = 0; x < rect.Width; x += 7)
                {
                    Assert.Equal(whole.GetPixel(rect.X + x, rect.Y + y), panel.GetPixel(x, y));
                }
            }
        }

        // Neighbouring panels differ: the slicer did not cut the same rectangle twice.
        Assert.Equal(8, panels.Select(p => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(p.Data.Span))).Distinct().Count());
    }

    [Fact]
    public async Task SliceAsync_CompositeOfAnotherSize_ScalesTheRectangles()
    {
        var layout = new CompositeLayoutBuilder(2, 2, ImageSize.Square1024).AddBeats(["a", "b", "c", "d"]).Build();
        var half = new GeneratedImage(0, Quadrants(512));

        var panels = await new SkiaCompositeSlicer().SliceAsync(half, layout, TestContext.Current.CancellationToken);

        Assert.All(panels, p => Assert.Equal((256, 256), (p.Width, p.Height)));
        using var topRight = SKBitmap.Decode(panels[1].Data.ToArray());
        Assert.Equal(SKColors.Red, topRight.GetPixel(128, 128));
    }

    [Fact]
    public async Task SliceAsync_NotAnImage_IsRefused()
    {
        var layout = new CompositeLayoutBuilder(1, 2, ImageSize.Landscape1536x1024).AddBeats(["a", "b"]).Build();
        await Assert.ThrowsAsync<ArgumentException>(() => new SkiaCompositeSlicer().SliceAsync(new GeneratedImage(0, "text"u8.ToArray()), layout, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ImageHeader_TryRead_ReadsWhatSkiaWrites()
    {
        Assert.True(ImageHeader.TryRead(Png(64, 32, SKColors.Blue), out var header));
        Assert.Equal((ImageFormat.Png, 64, 32), (header.Format, header.Width, header.Height));
        Assert.False(ImageHeader.TryRead("nope"u8, out _));
    }

    internal static byte[] Png(int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private static byte[] Quadrants(int size)
    {
        using var bitmap = new SKBitmap(size, size);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var red = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(size / 2, 0, size / 2, size / 2, red);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}
