using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// A DI host: the provider comes from configuration (<c>appsettings.json</c>, section <c>Pikumo:ImageGen</c>, or the
/// environment, for example <c>Pikumo__ImageGen__Provider=Fal</c>), and named fal and Gemini clients run side by side.
/// Offline, both HttpClients get the simulator as their handler; nothing else changes.
/// </summary>
public static class ProvidersHostSample
{
    public static async Task<int> RunAsync(SampleContext context, string[] args, CancellationToken cancellationToken)
    {
        var offline = context.ConfiguredProvider is null;
        var simulator = offline ? context.CreateSimulator() : null;

        #region providers-host
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        IHttpClientBuilder main = builder.Services.AddPikumoImageGen(builder.Configuration.GetSection("Pikumo:ImageGen"));
        IHttpClientBuilder fal = builder.Services.AddPikumoImageGen("fal", builder.Configuration.GetSection("Pikumo:Fal"));
        #endregion
        // A Gemini client too, offline or when GEMINI_API_KEY is set (its options are validated at start-up).
        var withGemini = offline || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("GEMINI_API_KEY"));
        IHttpClientBuilder? gemini = withGemini ? builder.Services.AddPikumoImageGen("gemini", builder.Configuration.GetSection("Pikumo:Gemini")) : null;

        if (simulator is not null)
        {
            // Offline: the simulator answers both clients in each provider's own wire format.
            builder.Services.PostConfigureAll<ImageGenOptions>(options => simulator.ConfigureOptions(options));
            main.UseSimulator(simulator);
            fal.UseSimulator(simulator);
            gemini?.UseSimulator(simulator);
        }

        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var report = new Report(context.Out);
        var folder = context.Folder("providers");
        var clients = host.Services.GetRequiredService<IImageGenClientFactory>();
        var named = new List<(string, ImageGenClient)> { ("default", host.Services.GetRequiredService<ImageGenClient>()), ("fal", clients.GetClient("fal")) };
        if (withGemini)
        {
            named.Add(("gemini", clients.GetClient("gemini")));
        }

        foreach (var (name, client) in named)
        {
            // Gemini takes no quality: it is asked only of models that take one.
            var result = await client.EditAsync(
                new ImageEditRequest("Mia waves from a tram window, painted anime", ImageInput.FromFile(SampleContext.ReferencePhoto))
                {
                    Quality = client.GetCapabilities().Qualities.Count > 0 ? ImageQuality.Low : (ImageQuality?)null,
                },
                cancellationToken);
            await result.SaveAllAsync(folder, name, overwrite: true, cancellationToken);
            context.Out.WriteLine($"{name} client: provider {client.ProviderName}, model {result.Model}, request id {result.RequestId}");
            report.Add($"{name} ({client.ProviderName})", result);
        }

        await host.StopAsync(cancellationToken);
        report.Write(folder);
        return 0;
    }
}
