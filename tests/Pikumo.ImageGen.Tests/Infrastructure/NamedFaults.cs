using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>Simulator faults by short name, for theories that run every provider under every outcome.</summary>
public static class NamedFaults
{
    /// <summary>Each provider with each named fault.</summary>
    public static TheoryData<ImageProvider, string> EveryProviderWith(params string[] faults)
    {
        var data = new TheoryData<ImageProvider, string>();
        foreach (var provider in new[] { ImageProvider.OpenAI, ImageProvider.AzureOpenAI, ImageProvider.Fal, ImageProvider.Gemini })
        {
            foreach (var fault in faults)
            {
                data.Add(provider, fault);
            }
        }

        return data;
    }

    /// <summary>Scripts the named fault on every request (ten times), or nothing for "none" and names that are no fault.</summary>
    public static void Inject(ImageGenSimulator simulator, string name)
    {
        SimulatedFault? fault = name switch
        {
            "rate-limit" => SimulatedFault.RateLimit(TimeSpan.FromMilliseconds(1)),
            "quota" => SimulatedFault.QuotaExhausted(),
            "server" => SimulatedFault.ServerError(),
            "content-policy" => SimulatedFault.ContentPolicy(),
            "reset" => SimulatedFault.ConnectionReset(),
            "truncated" => SimulatedFault.TruncatedBody(),
            "base64" => SimulatedFault.InvalidBase64(),
            "fal-fails" => SimulatedFault.FalJobFails(),
            _ => null,
        };
        if (fault is not null)
        {
            simulator.Faults.When(_ => true, fault, times: 10);
        }
    }
}
