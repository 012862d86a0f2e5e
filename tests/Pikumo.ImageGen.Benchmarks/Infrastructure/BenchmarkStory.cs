using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Benchmarks.Infrastructure;

/// <summary>The story the sequence modes run: "beat number N" scenes (so a recorded call names its beat), one noise photo, low 1024×1024 frames, chunks of 8.</summary>
internal static class BenchmarkStory
{
    public static SequenceRequest Create(int beats) => new(
        new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
        Enumerable.Range(1, beats).Select(i => new Scene($"beat number {i}")),
        [ImageInput.FromBytes(Payloads.NoisePng(96, 96, seed: 42), "mia.png")])
    {
        ChunkSize = 8,
        MaxParallelFrames = 8,
        Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 },
    };
}
