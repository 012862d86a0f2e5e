using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Results;

/// <summary>Saving never throws a paid image away: taken names are kept, failures hand the bytes back.</summary>
public sealed class ImageResultSaveTests
{
    private static readonly byte[] First = TestImages.Png(seed: 1);
    private static readonly byte[] Second = TestImages.Png(seed: 2);

    private static ImageResult Result(params byte[][] images) =>
        new() { Images = [.. images.Select((bytes, i) => new GeneratedImage(i, bytes))] };

    [Fact]
    public async Task SaveAllAsync_Twice_KeepsBothRunsUnderFreeNames()
    {
        using var folder = new TempFolder();
        var ct = TestContext.Current.CancellationToken;

        var run1 = await Result(First, Second).SaveAllAsync(folder.Path, "coffee", cancellationToken: ct);
        var run2 = await Result(Second, First).SaveAllAsync(folder.Path, "coffee", cancellationToken: ct);
        var run3 = await Result(Second).SaveAllAsync(folder.Path, "coffee", cancellationToken: ct);

        Assert.Equal(["coffee-0.png", "coffee-1.png"], run1.Select(Path.GetFileName));
        Assert.Equal(["coffee-0 (2).png", "coffee-1 (2).png"], run2.Select(Path.GetFileName));
        Assert.Equal(["coffee-0 (3).png"], run3.Select(Path.GetFileName));
        Assert.Equal(First, await File.ReadAllBytesAsync(run1[0], ct));   // the first run's file is untouched
        Assert.Equal(Second, await File.ReadAllBytesAsync(run2[0], ct));
        Assert.Equal(5, Directory.GetFiles(folder.Path).Length);            // no temporary files left
    }

    [Fact]
    public async Task SaveAllAsync_Overwrite_ReplacesTheFile()
    {
        using var folder = new TempFolder();
        var ct = TestContext.Current.CancellationToken;
        await Result(First).SaveAllAsync(folder.Path, "coffee", cancellationToken: ct);

        var paths = await Result(Second).SaveAllAsync(folder.Path, "coffee", overwrite: true, ct);

        Assert.Equal("coffee-0.png", Path.GetFileName(Assert.Single(paths)));
        Assert.Equal(Second, await File.ReadAllBytesAsync(paths[0], ct));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task SaveAllAsync_FolderCannotBeCreated_ThrowsWithTheResultAndItsBytes()
    {
        using var folder = new TempFolder();
        var notAFolder = folder.Write("taken", [1, 2, 3]);
        var result = Result(First, Second);

        var ex = await Assert.ThrowsAsync<ImageResultSaveException>(() => result.SaveAllAsync(notAFolder, "coffee", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Same(result, ex.Result);
        Assert.Equal(First, ex.Result!.Images[0].Data.ToArray());
        Assert.Empty(ex.SavedPaths);
        Assert.IsAssignableFrom<IOException>(ex.InnerException);
        Assert.Contains("0 of 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAllAsync_SecondWriteFails_ListsWhatWasSavedAndKeepsTheRest()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "coffee-1.png"));   // a folder where the second file would go
        var result = Result(First, Second);

        var ex = await Assert.ThrowsAsync<ImageResultSaveException>(() => result.SaveAllAsync(folder.Path, "coffee", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal([Path.Combine(folder.Path, "coffee-0.png")], ex.SavedPaths);
        Assert.Equal(Second, ex.Result!.Images[1].Data.ToArray());
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SaveAllAsync_BadBaseName_RefusesBeforeWriting()
    {
        using var folder = new TempFolder();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Result(First).SaveAllAsync(folder.Path, "../escape", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("baseName", ex.ParamName);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }
}
