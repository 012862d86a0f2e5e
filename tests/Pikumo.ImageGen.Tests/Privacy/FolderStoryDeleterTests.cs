using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Privacy;

/// <summary>One call deletes everything the library stored for a story, and only that unless asked.</summary>
public sealed class FolderStoryDeleterTests
{
    [Fact]
    public async Task DeleteStoryAsync_AfterARun_LeavesNothing()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "story-1");
        var story = new SequenceRequest(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production), [new Scene("one"), new Scene("two")])
        {
            ReferencePrompts = ["a neutral portrait of Mia"],
        };
        await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder }, TestContext.Current.CancellationToken);
        File.WriteAllBytes(Path.Combine(folder, "references", ".reference-1.png.4f2a.tmp"), [0]);
        File.WriteAllBytes(Path.Combine(folder, ".manifest.json.99.tmp"), [0]);
        File.WriteAllBytes(Path.Combine(folder, "journal.jsonl"), [0]);

        var deletion = await FolderStoryDeleter.Instance.DeleteStoryAsync(folder + Path.DirectorySeparatorChar, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(deletion.Complete, string.Join(", ", deletion.Kept));
        Assert.False(Directory.Exists(folder));
        Assert.Equal(["journal.jsonl", "manifest.json"], deletion.Deleted.Take(2).Order());
        Assert.Contains("final/frame-001.png", deletion.Deleted);
        Assert.Contains("references/reference-1.png", deletion.Deleted);
        Assert.Contains("references/.reference-1.png.4f2a.tmp", deletion.Deleted);
        Assert.Contains("final/", deletion.Deleted);
        Assert.Equal(".", deletion.Deleted[^1]);
    }

    [Fact]
    public async Task DeleteStoryAsync_OtherFiles_AreKeptAndListedUnlessIncluded()
    {
        using var temp = new TempFolder();
        var folder = RunFolder(temp.Path);
        File.WriteAllBytes(Path.Combine(folder, "contact-sheet.png"), [1]);
        File.WriteAllBytes(Path.Combine(folder, "final", "notes.txt"), [1]);

        var first = await FolderStoryDeleter.Instance.DeleteStoryAsync(folder, cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(first.Complete);
        Assert.Equal(["contact-sheet.png", "final/notes.txt"], first.Kept.Order());
        Assert.False(File.Exists(Path.Combine(folder, "final", "frame-001.png")));
        Assert.True(File.Exists(Path.Combine(folder, "contact-sheet.png")));

        var second = await FolderStoryDeleter.Instance.DeleteStoryAsync(folder, includeOtherFiles: false, TestContext.Current.CancellationToken);
        Assert.Empty(second.Deleted);

        // Once the library's own files are gone, the folder no longer looks like a story's, so "everything" is refused.
        await Assert.ThrowsAsync<InvalidOperationException>(() => FolderStoryDeleter.Instance.DeleteStoryAsync(folder, includeOtherFiles: true, TestContext.Current.CancellationToken));
        Assert.True(File.Exists(Path.Combine(folder, "contact-sheet.png")));
    }

    [Fact]
    public async Task DeleteStoryAsync_IncludeOtherFilesOnAFolderThatIsNotAStory_DeletesNothing()
    {
        using var temp = new TempFolder();
        temp.Write("holiday.jpg", [1, 2, 3]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => FolderStoryDeleter.Instance.DeleteStoryAsync(temp.Path, includeOtherFiles: true, TestContext.Current.CancellationToken));

        Assert.True(File.Exists(Path.Combine(temp.Path, "holiday.jpg")));
    }

    [Fact]
    public async Task DeleteStoryAsync_ManifestEntryOutsideTheFolder_IsNotFollowed()
    {
        using var temp = new TempFolder();
        var outside = temp.Write("outside.png", [9]);
        var folder = Path.Combine(temp.Path, "story");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, SequenceManifest.FileName), """{"frames":[{"tier":"final","beat":0,"file":"../outside.png"},{"tier":"final","beat":1,"file":"custom/kept-by-name.png"}]}""");
        Directory.CreateDirectory(Path.Combine(folder, "custom"));
        File.WriteAllBytes(Path.Combine(folder, "custom", "kept-by-name.png"), [1]);

        var deletion = await FolderStoryDeleter.Instance.DeleteStoryAsync(folder, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(File.Exists(outside));
        Assert.True(deletion.Complete);
        Assert.Contains("custom/kept-by-name.png", deletion.Deleted);
    }

    [Fact]
    public async Task DeleteStoryAsync_MissingFolder_IsComplete()
    {
        var deletion = await FolderStoryDeleter.Instance.DeleteStoryAsync(Path.Combine(Path.GetTempPath(), "pikumo-tests", Guid.NewGuid().ToString("N")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(deletion.Complete);
        Assert.Empty(deletion.Deleted);
        await Assert.ThrowsAsync<ArgumentException>(() => FolderStoryDeleter.Instance.DeleteStoryAsync(" ", cancellationToken: TestContext.Current.CancellationToken));
    }

    private static string RunFolder(string parent)
    {
        var folder = Path.Combine(parent, "story");
        Directory.CreateDirectory(Path.Combine(folder, "final"));
        File.WriteAllText(Path.Combine(folder, SequenceManifest.FileName), "{}");
        File.WriteAllBytes(Path.Combine(folder, "final", "frame-001.png"), [1]);
        return folder;
    }
}
