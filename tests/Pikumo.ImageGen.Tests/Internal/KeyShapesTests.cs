using Pikumo.ImageGen.Transports;
using Pikumo.ImageGen.Transports.OpenAI;

namespace Pikumo.ImageGen.Tests.Internal;

/// <summary>Parts of a key and keys in places other than the key settings: masked echoes, proxy passwords, a host provider's settings.</summary>
public sealed class KeyShapesTests
{
    [Theory]
    [InlineData("Incorrect API key provided: sk-w****abcd. You can find your API key at https://platform.openai.com.", "Incorrect API key provided: [REDACTED]. You can find your API key at https://platform.openai.com.")]
    [InlineData("Incorrect API key provided: not-a-sk-key-0123. Try again", "Incorrect API key provided: [REDACTED]. Try again")]
    [InlineData("the key sk-proj-Ab****wxyz was refused", "the key [REDACTED] was refused")]
    [InlineData("risk-free**bold** text stays", "risk-free**bold** text stays")]
    public void Redact_AMaskedKeyTheProviderEchoes_IsRemovedToo(string text, string expected)
    {
        Assert.Equal(expected, Secrets.Redact(text, ["a-key-not-in-the-text"]));
    }

    [Fact]
    public void OptionsToString_AProxyAddressWithAPassword_ShowsNeither()
    {
        var options = new ImageGenOptions { OpenAI = new OpenAIProviderOptions { BaseAddress = new Uri("https://proxy-user:proxy-pass-0123@proxy.example.test/v1/"), ApiKey = "key-0123456789" } };

        var text = options.ToString();

        Assert.Contains("https://proxy.example.test/v1/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy-pass-0123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy-user", text, StringComparison.Ordinal);
        Assert.DoesNotContain("key-0123456789", text, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsToString_AHostProviderWithoutADescription_NeverCallsTheSettingsToString()
    {
        var registration = new ImageProviderRegistration<LeakyOptions>("leaky-" + Guid.NewGuid().ToString("N"), _ => throw new NotSupportedException());
        ImageProviders.Register(registration);
        var options = new ImageGenOptions { ProviderName = registration.Name };
        options.GetProviderOptions<LeakyOptions>().ApiKey = "leaky-key-0123456789";

        var text = options.ToString();

        Assert.Contains(registration.Name, text, StringComparison.Ordinal);
        Assert.Contains(nameof(LeakyOptions), text, StringComparison.Ordinal);
        Assert.DoesNotContain("leaky-key-0123456789", text, StringComparison.Ordinal);
    }

    /// <summary>A record prints every property in its <c>ToString</c>, the key included.</summary>
    public sealed record LeakyOptions
    {
        public string? ApiKey { get; set; }
    }
}
