#region providers-host
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pikumo.ImageGen;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
IHttpClientBuilder main = builder.Services.AddPikumoImageGen(builder.Configuration.GetSection("Pikumo:ImageGen"));
IHttpClientBuilder fal = builder.Services.AddPikumoImageGen("fal", builder.Configuration.GetSection("Pikumo:Fal"));
using IHost host = builder.Build();

ImageGenClient client = host.Services.GetRequiredService<ImageGenClient>();                                 // Pikumo:ImageGen's provider
ImageGenClient falClient = host.Services.GetRequiredService<IImageGenClientFactory>().GetClient("fal");    // or [FromKeyedServices("fal")]
#endregion
