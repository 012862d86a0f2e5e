using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Privacy;

/// <summary>Consent records ride on a spec's subjects, never into the prompt; RequireConsent refuses identity-locked edits without them, before any call.</summary>
public sealed class ConsentTests
{
    private static ConsentRecord Consent(string subject = "Mia", DateTimeOffset? expires = null) => new()
    {
        Subject = subject,
        GrantedBy = "Mia's mother, Ana Example",
        GrantedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Scope = "storybook scope text",
        ExpiresAt = expires,
    };

    private static ImageEditRequest Edit(PromptSpecBuilder spec) => new(spec.WithScene("Mia at the beach").Build(), ImageInput.FromBytes(TestImages.Png()));

    [Fact]
    public async Task EditAsync_RequireConsentWithoutRecord_IsRefusedBeforeAnyCall()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(configure: o => o.RequireConsent = true);

        var error = await Assert.ThrowsAsync<ImageGenConsentRequiredException>(() =>
            client.EditAsync(Edit(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).AddSubject("Leo", IdentityLock.Production).WithConsent(Consent())), TestContext.Current.CancellationToken));

        Assert.Equal(["Leo"], error.Subjects);
        Assert.Equal("request.Prompt", error.ParamName);
        Assert.Contains("Leo: no consent record", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", error.Message, StringComparison.Ordinal);
        Assert.Empty(simulator.Recorder);
    }

    [Fact]
    public async Task StreamEditAsync_RequireConsentExpired_IsRefusedBeforeAnyCall()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(configure: o => o.RequireConsent = true);
        var request = Edit(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithConsent(Consent(expires: new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero))));

        var error = await Assert.ThrowsAsync<ImageGenConsentRequiredException>(async () =>
        {
            await foreach (var _ in client.StreamEditAsync(request with { PartialImages = 1 }, TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Contains("consent expired 2026-02-01", error.Message, StringComparison.Ordinal);
        Assert.Empty(simulator.Recorder);
    }

    [Fact]
    public async Task EditAsync_RequireConsentWithRecord_IsSentWithoutTheRecordInThePrompt()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(configure: o => o.RequireConsent = true);
        var spec = new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithConsent(Consent()).PinWardrobe("Mia", null);

        await client.EditAsync(Edit(spec), TestContext.Current.CancellationToken);

        var sent = Assert.Single(simulator.Recorder.ImageCalls);
        Assert.DoesNotContain("Ana Example", System.Text.Encoding.UTF8.GetString(sent.Body.Span), StringComparison.Ordinal);
        Assert.DoesNotContain("storybook scope text", sent.Prompt!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_PlainTextOrConsentNotRequired_IsNotChecked()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var strict = simulator.CreateClient(configure: o => o.RequireConsent = true);
        using var lenient = simulator.CreateClient();

        await strict.EditAsync(new ImageEditRequest("plain text, no spec", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);
        await lenient.EditAsync(Edit(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production)), TestContext.Current.CancellationToken);

        Assert.Equal(2, simulator.Recorder.ImageCalls.Count);
    }

    [Fact]
    public void WithConsent_UnknownSubjectOrEmptyField_NamesTheProblem()
    {
        var builder = new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production);

        Assert.Equal("consent", Assert.Throws<ArgumentException>(() => builder.WithConsent(Consent("Leo"))).ParamName);
        Assert.Equal("consent.Scope", Assert.Throws<ArgumentException>(() => builder.WithConsent(Consent() with { Scope = " " })).ParamName);
        Assert.Throws<ArgumentNullException>(() => builder.WithConsent(null!));
    }

    [Fact]
    public void WithConsent_KeptThroughToBuilderAndWardrobe_NotRendered()
    {
        var consent = Consent();
        var spec = new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithConsent(consent).WithScene("x").Build()
            .ToBuilder().PinWardrobe("Mia", new WardrobePin("a yellow raincoat")).Build();

        Assert.Same(consent, spec.Subjects[0].Consent);
        Assert.DoesNotContain("Ana Example", spec.Render(), StringComparison.Ordinal);
        Assert.Equal(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).PinWardrobe("Mia", new WardrobePin("a yellow raincoat")).WithScene("x").Build().Render(), spec.Render());
    }

    [Fact]
    public void IsValidAt_BeforeGrantOrAfterExpiry_IsFalse()
    {
        var consent = Consent(expires: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.False(consent.IsValidAt(new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero)));
        Assert.True(consent.IsValidAt(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.False(consent.IsValidAt(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void RequireConsent_BindsFromConfiguration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Pikumo:ImageGen:RequireConsent"] = "true", ["Pikumo:ImageGen:OpenAI:ApiKey"] = "test-key-not-real", ["Pikumo:ImageGen:UseEnvironmentVariables"] = "false" }).Build();
        var services = new ServiceCollection();
        services.AddPikumoImageGen(configuration.GetSection("Pikumo:ImageGen"));

        using var provider = services.BuildServiceProvider();

        Assert.True(provider.GetRequiredService<IOptionsMonitor<ImageGenOptions>>().Get(string.Empty).RequireConsent);
    }
}
