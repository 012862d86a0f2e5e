using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// A DI host: the provider comes from configuration (<c>appsettings.json</c>, section <c>Pikumo:ImageGen</c>, the
/// environment, for example <c>Pikumo__ImageGen__Provider=Fal</c>, or <c>--setting Pikumo:ImageGen:Provider=Fal</c>),
/// and named clients on fal and on Gemini run side by side. Offline, both HttpClients get the simulator as their
/// handler; nothing else changes.
/// </summary>
public static class ProvidersHostSample
{
    private static readonly Option<string[]> SettingOption = new("--setting", "-s")
    {
        Description = "A configuration value for the host, KEY=VALUE (for example Pikumo:ImageGen:DefaultQuality=medium); repeatable.",
        HelpName = "KEY=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    static ProvidersHostSample()
    {
        SettingOption.Validators.Add(result =>
        {
            foreach (var value in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (value.IndexOf('=', StringComparison.Ordinal) <= 0)
                {
                    result.AddError($"--setting '{value}' is not KEY=VALUE.");
                }
            }
        });
    }

    /// <summary>The command line's view of this sample.</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "providers",
        Description = "A DI host that takes its provider from configuration, with named fal and Gemini clients beside it.",
        PaidCalls = 3,
        Options = [SettingOption],
        RunAsync = (context, parse, cancellationToken) => RunAsync(context, parse.GetValue(SettingOption) ?? [], cancellationToken),
    };

    public static async Task<int> RunAsync(SampleContext context, IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var simulator = context.IsOffline ? context.CreateSimulator() : null;
        context.Out.WriteLine($"A DI host whose default client is configured for {context.Target.Name()}, beside a named fal client, on {context.Where}.");

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(ProviderSettings(context.Target));
        builder.Configuration.AddInMemoryCollection(settings.Select(s => s.Split('=', 2)).Select(kv => new KeyValuePair<string, string?>(kv[0], kv[1])));
        IHttpClientBuilder main = builder.Services.AddPikumoImageGen(builder.Configuration.GetSection("Pikumo:ImageGen"));
        IHttpClientBuilder fal = builder.Services.AddPikumoImageGen("fal", builder.Configuration.GetSection("Pikumo:Fal"));

        // Gemini is registered like the built-ins; its client is added offline or when GEMINI_API_KEY (or GOOGLE_API_KEY) is set (validated at start-up).
        var withGemini = simulator is not null || SampleProvider.Gemini.HasKey();
        IHttpClientBuilder? gemini = withGemini ? builder.Services.AddPikumoImageGen("gemini", builder.Configuration.GetSection("Pikumo:Gemini")) : null;
        if (simulator is not null)
        {
            // Offline: the simulator answers every client in each provider's own wire format.
            main.UseSimulator(simulator);
            fal.UseSimulator(simulator);
            gemini?.UseSimulator(simulator);
        }

        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var report = new Report(context.Out);
        var folder = context.Folder("providers");
        var clients = new List<(string Name, ImageGenClient Client)> { ("default", host.Services.GetRequiredService<ImageGenClient>()) };
        if (simulator is not null || SampleProvider.Fal.HasKey())
        {
            clients.Add(("fal", host.Services.GetRequiredService<IImageGenClientFactory>().GetClient("fal")));
        }
        else
        {
            context.Out.WriteLine($"{SampleProvider.Fal.KeyVariables()} not set: the second (fal) client is left out.");
        }

        if (withGemini)
        {
            clients.Add(("gemini", host.Services.GetRequiredService<IImageGenClientFactory>().GetClient("gemini")));
        }

        foreach (var (name, client) in clients)
        {
            var result = await client.EditAsync(
                new ImageEditRequest("Mia waves from a tram window, painted anime", ImageInput.FromFile(SampleContext.ReferencePhoto))
                {
                    // Gemini takes no quality: ask for one only of models that take it.
                    Quality = client.GetCapabilities().Qualities.Count > 0 ? ImageQuality.Low : (ImageQuality?)null,
                },
                cancellationToken);
            await result.SaveAllAsync(folder, name, cancellationToken: cancellationToken);
            context.Out.WriteLine($"{name} client: provider {client.ProviderName}, model {result.Model}, request id {result.RequestId}");
            report.Add($"{name} ({client.ProviderName})", result);
        }

        await host.StopAsync(cancellationToken);
        report.Write(folder);
        return 0;
    }

    /// <summary>The configuration that selects the provider of the default client.</summary>
    private static Dictionary<string, string?> ProviderSettings(SampleProvider provider) => new(StringComparer.Ordinal)
    {
        ["Pikumo:ImageGen:Provider"] = provider.ToImageProvider().ToString(),
        ["Pikumo:ImageGen:Azure:Route"] = provider == SampleProvider.AzureDeployment ? "Deployment" : "V1",
    };
}
