#region cluster-silo
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Hosting;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Orleans;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering();              // one machine, 127.0.0.1; a real cluster: see "Production configuration"
    silo.AddPikumoImageGenStories(options =>    // story and quota grains; in-memory grain storage and reminders by default
        options.Quotas["gpt-image-eastus"] = new ProviderQuota { MaxInFlight = 8, MaxImagesPerWindow = 50 });
});
builder.Services.AddPikumoImageGen(builder.Configuration.GetSection("Pikumo:ImageGen"))
    .AddClusterQuota("gpt-image-eastus");       // every paid call of every silo asks the deployment's quota grain first
builder.Services.AddPikumoImageGenSequences();
builder.Services.AddSingleton<IStorySource, MyStories>();   // what a story id renders, from the app's own records
using IHost host = builder.Build();
await host.StartAsync();

// Runs once wherever the cluster places it, even if two requests for story-42 arrive at once.
IStoryGrain story = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IStoryGrain>("story-42");
StoryStatus status = await story.StartAsync();
Console.WriteLine($"{status.StoryId}: {status.State}, {status.FramesDone}/{status.FramesTotal} frames");
await host.StopAsync();

sealed class MyStories : IStorySource
{
    public ValueTask<StoryWork> GetAsync(string storyId, CancellationToken cancellationToken) => ValueTask.FromResult(new StoryWork(
        new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production),
            ["Mia wakes up", "Mia brews coffee", "Mia walks to the station"],
            [ImageInput.FromFile($"photos/{storyId}/mia.png")]),
        SequenceTier.Final));
}
#endregion
