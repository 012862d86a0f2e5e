#region blob-store
using Azure.Storage.Blobs;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Storage.Blobs;

var store = new BlobSequenceStore(new BlobServiceClient("UseDevelopmentStorage=true").GetBlobContainerClient("stories"));
var story = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production),
    ["Mia wakes up", "Mia brews coffee"],
    [ImageInput.FromFile("mia.png")]);

using var client = new ImageGenClient(new ImageGenOptions());   // OPENAI_API_KEY from the environment
var runner = new SequenceRunner(client);
SequenceRunResult result = await runner.RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = "story-42", Store = store });
Console.WriteLine($"{result.Frames.Count} frames under {store.PrefixOf("story-42")} in {store.Container.Uri}");

// Everything stored for the story (journal first, then frames; snapshots and uncommitted blocks too), then a listing that finds nothing.
StoryDeletion deletion = await store.DeleteStoryAsync("story-42", includeOtherFiles: true);
Console.WriteLine($"deleted {deletion.Deleted.Count} blobs; anything left: {!deletion.Complete}");
#endregion
