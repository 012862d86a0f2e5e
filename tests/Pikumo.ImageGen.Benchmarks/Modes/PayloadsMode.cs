using System.Globalization;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks.Modes;

/// <summary><c>payloads</c>: the sizes of what the benchmarks send and receive.</summary>
internal static class PayloadsMode
{
    public static int Run()
    {
        Console.WriteLine("answer (n x size)   decoded images B   JSON body B");
        foreach (var size in new[] { ImageSize.Square1024, ImageSize.Landscape1536x1024 })
        {
            foreach (var n in new[] { 1, 4 })
            {
                var images = Payloads.ResponseImages(n, size);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{$"{n} x {size}",-19} {images.Sum(i => (long)i.Length),16:N0} {Payloads.ImagesJson(images, size).Length,13:N0}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edit reference (1024x1024 noise PNG): {Payloads.NoisePng(1024, 1024, seed: 7).Length:N0} B"));
        foreach (var mb in new[] { 5, 40 })
        {
            var path = Payloads.ReferenceFile(mb);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"upload reference {mb} MB: {new FileInfo(path).Length:N0} B ({path})"));
        }

        return 0;
    }
}
