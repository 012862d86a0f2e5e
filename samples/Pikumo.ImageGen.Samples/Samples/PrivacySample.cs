using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// Photos of people, handled with care: a consent record per subject that the client requires before any
/// identity-locked edit, a preview whose frames carry XMP naming their composite and the consent, a contact sheet that
/// says what it is, and one call that deletes the whole story. On a real provider it stops before paying unless run
/// with <c>--yes</c>.
/// </summary>
public static class PrivacySample
{
    public static async Task<int> RunAsync(SampleContext context, bool confirmed, CancellationToken cancellationToken)
    {
        #region privacy-consent
        var (client, where) = context.CreateClient(options => options.RequireConsent = true);   // or "RequireConsent": true in configuration
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
        #endregion

        using var _ = client;
        context.Out.WriteLine($"A consented 4-beat story on {where}.");
        if (context.ConfiguredProvider is not null && !confirmed)
        {
            context.Out.WriteLine("A real provider is configured: run again with --yes to pay for the preview storyboard.");
            return 0;
        }

        var folder = context.Folder("privacy");
        var report = new Report(context.Out);
        #region privacy-provenance
        var runner = new SequenceRunner(client, new SkiaCompositeSlicer());
        SequenceRunResult preview = await runner.RunToEndAsync(story, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder }, cancellationToken);

        // preview/composite-01.png is the provider's bytes, untouched. Each preview/frame-*.png carries XMP:
        // Iptc4xmpExt:DigitalSourceType = trainedAlgorithmicMedia, xmpMM:DerivedFrom = the composite's file and SHA-256,
        // pikumo:Consents = the record above. The manifest records the consent with every entry.
        byte[] sheet = ContactSheet.Create(preview.Frames);   // XMP: compositeWithTrainedAlgorithmicMedia, every frame as an ingredient
        await File.WriteAllBytesAsync(Path.Combine(folder, "contact-sheet.png"), sheet, cancellationToken);
        Console.WriteLine(ProvenanceMetadata.CreateXmp(new ImageProvenance { Sources = [ProvenanceSource.Of(sheet, "contact-sheet.png")], Description = "a report thumbnail" }));
        #endregion

        report.Add("preview (4 frames)", preview.Actual.Calls, preview.Frames.Count, preview.Actual.CostUsd, preview.Actual.WallClock);

        #region privacy-delete
        StoryDeletion deletion = await FolderStoryDeleter.Instance.DeleteStoryAsync(folder, includeOtherFiles: true, cancellationToken);
        Console.WriteLine($"deleted {deletion.Deleted.Count} items; anything left: {!deletion.Complete}");
        #endregion

        context.Out.WriteLine($"deleted {deletion.Deleted.Count} items ({string.Join(", ", deletion.Deleted.Take(4))}, …); nothing left: {deletion.Complete}");
        report.Write($"{folder}: deleted again, nothing left");
        return deletion.Complete ? 0 : 3;
    }
}
