#region privacy-provenance
using Pikumo.ImageGen;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
var consent = new ConsentRecord { Subject = "Mia", GrantedBy = "Mia's mother", GrantedAt = DateTimeOffset.UtcNow, Scope = "a storybook" };
var story = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithConsent(consent).WithStyle(ImageStyle.Dreamscape),
    ["Mia wakes up", "Mia brews coffee", "Mia walks to the station", "Mia sketches at her desk"],
    [ImageInput.FromFile("mia.png")]);
string folder = "out/story";

var runner = new SequenceRunner(client, new SkiaCompositeSlicer());
SequenceRunResult preview = await runner.RunToEndAsync(story, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder });

// preview/composite-01.png is the provider's bytes, untouched. Each preview/frame-*.png carries XMP:
// Iptc4xmpExt:DigitalSourceType = trainedAlgorithmicMedia, xmpMM:DerivedFrom = the composite's file and SHA-256,
// pikumo:Consents = the record above. The manifest records the consent with every entry.
byte[] sheet = ContactSheet.Create(preview.Frames);   // XMP: compositeWithTrainedAlgorithmicMedia, every frame as an ingredient
await File.WriteAllBytesAsync(Path.Combine(folder, "contact-sheet.png"), sheet);
Console.WriteLine(ProvenanceMetadata.CreateXmp(new ImageProvenance { Sources = [ProvenanceSource.Of(sheet, "contact-sheet.png")], Description = "a report thumbnail" }));
#endregion
