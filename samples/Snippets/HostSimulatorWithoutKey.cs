#region simulator-without-key
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Testing;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
IHttpClientBuilder imageGen = builder.Services.AddPikumoImageGen(builder.Configuration.GetSection("Pikumo:ImageGen"));
if (string.IsNullOrEmpty(builder.Configuration["OPENAI_API_KEY"]))
{
    imageGen.UseSimulator(new ImageGenSimulator());   // package Pikumo.ImageGen.Testing: no key, no bill, real PNGs
}

using IHost host = builder.Build();
#endregion
