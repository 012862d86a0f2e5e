#region di-register
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pikumo.ImageGen;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
// appsettings.json: "Pikumo": { "ImageGen": { "Provider": "AzureOpenAI", "Azure": { "Endpoint": "https://my.openai.azure.com/", "Deployment": "gpt-image-2" } } }
builder.Services.AddPikumoImageGen(builder.Configuration.GetSection("Pikumo:ImageGen"));   // ImageGenClient, validated at start-up
builder.Services.AddPikumoImageGen("fal", options => options.Provider = ImageProvider.Fal);  // a second provider beside it
builder.Services.AddPikumoImageGenImaging();     // composite slicing (package Pikumo.ImageGen.Imaging)
builder.Services.AddPikumoImageGenSequences();   // SequenceRunner over the default client
using IHost host = builder.Build();
#endregion
