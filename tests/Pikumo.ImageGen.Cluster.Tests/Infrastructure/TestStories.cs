using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Cluster.Tests.Infrastructure;

/// <summary>Stories for the tests: one subject with a photo, numbered beats, cheap final-tier settings.</summary>
internal static class TestStories
{
    private static readonly byte[] Photo = ImageGenModelFactory.Png(96, 96, seed: 7);

    public static SequenceRequest Story(int beats, string name = "Mia") => new(
        new PromptSpecBuilder().AddSubject(name, IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
        Enumerable.Range(1, beats).Select(i => new Scene($"{name} beat {i}")),
        [ImageInput.FromBytes(Photo, "photo.png")])
    {
        ChunkSize = 8,
        Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 },
    };
}
