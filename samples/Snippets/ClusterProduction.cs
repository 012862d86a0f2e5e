#region cluster-production
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Orleans;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Storage.Blobs;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);

// Azurite locally ("UseDevelopmentStorage=true" is its well-known account on 127.0.0.1); the storage account in production.
string storage = builder.Configuration.GetConnectionString("Storage") ?? "UseDevelopmentStorage=true";
builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("stories-prod", "pikumo-stories"));
    silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(storage));   // membership table
    silo.AddAzureBlobGrainStorage(PikumoStoryOptions.StorageName, o =>
    {
        o.BlobServiceClient = new BlobServiceClient(storage);
        o.DeleteStateOnClear = true;             // IStoryGrain.DeleteAsync leaves no status blob behind
    });
    silo.UseAzureTableReminderService(o => o.TableServiceClient = new TableServiceClient(storage));
    silo.AddPikumoImageGenStories(o =>
    {
        o.UseInMemoryProviders = false;          // the durable ones above keep status, quota leases and reminders
        o.ResumePeriod = TimeSpan.FromMinutes(1);
        o.Quotas["gpt-image-eastus"] = new ProviderQuota { MaxInFlight = 8, MaxImagesPerWindow = 50, Window = TimeSpan.FromMinutes(1) };
    });
});
builder.Services.AddPikumoImageGen(builder.Configuration.GetSection("Pikumo:ImageGen")).AddClusterQuota("gpt-image-eastus");
builder.Services.AddPikumoImageGenSequences();
builder.Services.AddSingleton<ISequenceStore>(new BlobSequenceStore(new BlobServiceClient(storage).GetBlobContainerClient("stories")));
// ...and the app's IStorySource, as in the first example.
using IHost host = builder.Build();
await host.RunAsync();
#endregion
