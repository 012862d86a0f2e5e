using System.Net.Http.Headers;
using System.Reflection;

namespace Pikumo.ImageGen.Http;

/// <summary>The <c>User-Agent</c> every request of the library carries: <c>Pikumo.ImageGen/&lt;version&gt;</c>, so providers and proxies can tell it apart.</summary>
internal static class UserAgent
{
    /// <summary>The product token, for example <c>Pikumo.ImageGen/0.1.0</c>.</summary>
    public static ProductInfoHeaderValue Value { get; } = Create();

    /// <summary>Adds the header unless the caller's request already names an agent.</summary>
    public static void Apply(HttpRequestMessage message)
    {
        if (message.Headers.UserAgent.Count == 0)
        {
            message.Headers.UserAgent.Add(Value);
        }
    }

    private static ProductInfoHeaderValue Create()
    {
        var assembly = typeof(UserAgent).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return new ProductInfoHeaderValue("Pikumo.ImageGen", plus < 0 ? version : version[..plus]);
    }
}
