#region routing-di
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Sequences;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Services.AddPikumoImageGen(options => options.Provider = ImageProvider.OpenAI);        // the default client: the final tier
builder.Services.AddPikumoImageGen("fal", options => options.Provider = ImageProvider.Fal);    // a named client a tier may route to
builder.Services.AddPikumoImageGenImaging();
builder.Services.AddPikumoImageGenSequences("", "fal");   // SequenceRunner over the default client, with the "fal" client in RouteClients
using IHost host = builder.Build();
SequenceRunner runner = host.Services.GetRequiredService<SequenceRunner>();
Console.WriteLine(string.Join(", ", runner.RouteClients.Select(client => client.ProviderName)));   // fal
#endregion
