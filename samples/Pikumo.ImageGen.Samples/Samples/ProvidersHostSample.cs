using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// A DI host: the provider comes from configuration (<c>appsettings.json</c>, section <c>Pikumo:ImageGen</c>, or the
/// environment, for example <c>Pikumo__ImageGen__Provider=Fal</c>), and a second named client runs side by side.
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

        if (simulator is not null)
        {
            // Offline: the simulator answers both clients in each provider's own wire format.
            builder.Services.PostConfigureAll<ImageGenOptions>(options => simulator.ConfigureOptions(options));
            main.UseSimulator(simulator);
            fal.UseSimulator(simulator);
        }

        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var report = new Report(context.Out);
        var folder = context.Folder("providers");
        foreach (var (name, client) in new[] { ("default", host.Services.GetRequiredService<ImageGenClient>()), ("fal", host.Services.GetRequiredService<IImageGenClientFactory>().GetClient("fal")) })
        {
            var result = await client.EditAsync(
                new ImageEditRequest("Mia waves from a tram window, painted anime", ImageInput.FromFile(SampleContext.ReferencePhoto)) { Quality = ImageQuality.Low },
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
