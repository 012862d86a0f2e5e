using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// Photos of people, handled with care: a consent record per subject that the client requires before any
/// identity-locked edit, a preview whose frames carry XMP naming their composite and the consent, a contact sheet that
/// says what it is, and one call that deletes the whole story. On a real provider it stops before paying unless run
/// with <c>--yes</c>. The code docs/privacy.md shows is in samples/Snippets/Privacy*.cs.
/// </summary>
public static class PrivacySample
{
    /// <summary>The command line's view of this sample.</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "privacy",
        Description = "Consent before identity-locked edits, provenance XMP on derived frames, and deleting a whole story (on a real provider only with --yes).",
        PaidCalls = 1,
        ConfirmsItself = true,
        RunAsync = (context, _, cancellationToken) => RunAsync(context, cancellationToken),
    };

    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(options => options.RequireConsent = true);   // or "RequireConsent": true in configuration
        var consent = new ConsentRecord
        {
            Subject = "Mia",
            GrantedBy = "Mia's mother",
            GrantedAt = new DateTimeOffset(2026, 5, 26, 9, 0, 0, TimeSpan.Zero),
            Scope = "a four-page illustrated day-in-the-life storybook, deleted after 30 days",
            Reference = "consent-form-2026-0042",
        };
        var story = new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithConsent(consent).WithStyle(ImageStyle.Dreamscape),
            ["Mia wakes up", "Mia brews coffee", "Mia walks to the station", "Mia sketches at her desk"],
            [ImageInput.FromFile(SampleContext.ReferencePhoto)]);

        context.Out.WriteLine($"A consented 4-beat story on {context.Where}.");
        if (!context.IsOffline && !context.Confirmed)
        {
            context.Error.WriteLine("A real provider is configured: run again with --yes to pay for the preview storyboard.");
            return 0;
        }

        var folder = context.Folder("privacy");
        var report = new Report(context.Out);
        var runner = new SequenceRunner(client, new SkiaCompositeSlicer());
        SequenceRunResult preview = await runner.RunToEndAsync(story, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder }, cancellationToken);

        // preview/composite-01.png is the provider's bytes, untouched; each preview/frame-*.png carries XMP naming it and the consent.
        byte[] sheet = ContactSheet.Create(preview.Frames);   // XMP: compositeWithTrainedAlgorithmicMedia, every frame as an ingredient
        await File.WriteAllBytesAsync(Path.Combine(folder, "contact-sheet.png"), sheet, cancellationToken);
        context.Out.WriteLine(ProvenanceMetadata.CreateXmp(new ImageProvenance { Sources = [ProvenanceSource.Of(sheet, "contact-sheet.png")], Description = "a report thumbnail" }));
        report.Add("preview (4 frames)", preview.Actual.Calls, preview.Frames.Count, preview.Actual.CostUsd, preview.Actual.WallClock);

        StoryDeletion deletion = await FolderStoryDeleter.Instance.DeleteStoryAsync(folder, includeOtherFiles: true, cancellationToken);
        context.Out.WriteLine($"deleted {deletion.Deleted.Count} items ({string.Join(", ", deletion.Deleted.Take(4))}, …); nothing left: {deletion.Complete}");
        report.Write($"{folder}: deleted again, nothing left");
        return deletion.Complete ? 0 : 3;
    }
}
