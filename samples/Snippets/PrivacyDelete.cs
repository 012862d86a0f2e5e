#region privacy-delete
using Pikumo.ImageGen.Privacy;

StoryDeletion deletion = await FolderStoryDeleter.Instance.DeleteStoryAsync("out/story", includeOtherFiles: true);
Console.WriteLine($"deleted {deletion.Deleted.Count} items; anything left: {!deletion.Complete}");
#endregion
