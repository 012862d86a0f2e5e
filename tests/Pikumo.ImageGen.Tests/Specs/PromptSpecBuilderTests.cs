using System.Globalization;
using System.Text.Json;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

public sealed class PromptSpecBuilderTests
{
    [Fact]
    public void AddSubject_SeveralSubjects_NumbersTheirReferencesInOrder()
    {
        var spec = new PromptSpecBuilder()
            .AddSubject("Mia", IdentityLock.Production)
            .AddSubject("Leo", IdentityLock.FaceAndHair, referenceImages: 2)
            .WithScene("a picnic")
            .Build();

        Assert.Equal([1], spec.Subjects[0].ReferenceImages);
        Assert.Equal([2, 3], spec.Subjects[1].ReferenceImages);
        Assert.Equal(
            [(1, ReferenceRole.Subject, "Mia"), (2, ReferenceRole.Subject, "Leo"), (3, ReferenceRole.Subject, "Leo")],
            spec.References.Select(r => (r.Number, r.Role, r.Subject)));
    }

    [Fact]
    public void AddContinuityReference_AfterTheSubjectsPhotos_IsTheNextImageWithTheDefaultNote()
    {
        var spec = SeedSpecs.ModeE().ToBuilder().AddContinuityReference().Build();

        var continuity = spec.References[^1];
        Assert.Equal((2, ReferenceRole.Continuity, null), (continuity.Number, continuity.Role, continuity.Subject));
        Assert.Equal("the last frame of the previous chunk: keep continuity, do not copy its pose", continuity.Note);
        var rendered = Json(spec).GetProperty("references")[1];
        Assert.Equal(2, rendered.GetProperty("image").GetInt32());
        Assert.Equal("continuity_reference", rendered.GetProperty("role").GetString());
        Assert.Equal(continuity.Note, rendered.GetProperty("note").GetString());
    }

    [Fact]
    public void AddSubject_DuplicateName_ThrowsNamingTheName()
    {
        var builder = new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production);

        var exception = Assert.Throws<ArgumentException>(() => builder.AddSubject("Mia", IdentityLock.Likeness));

        Assert.Equal("name", exception.ParamName);
    }

    [Fact]
    public void AddSubject_NoReferenceImage_ThrowsNamingTheCount()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production, referenceImages: 0));

        Assert.Equal("referenceImages", exception.ParamName);
    }

    [Fact]
    public void PinWardrobe_UnknownSubject_ThrowsNamingTheSubject()
    {
        var builder = new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production);

        var exception = Assert.Throws<ArgumentException>(() => builder.PinWardrobe("Leo", SeedSpecs.PinnedOutfit));

        Assert.Equal("subject", exception.ParamName);
    }

    [Fact]
    public void Build_NeitherSceneNorLayout_Throws()
    {
        Assert.Throws<InvalidOperationException>(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).Build);
    }

    [Fact]
    public void WithScene_AfterWithLayout_MakesASingleImageSpec()
    {
        var spec = SeedSpecs.ModeE().ToBuilder().WithScene("coffee").Build();

        Assert.Null(spec.Layout);
        var json = Json(spec);
        Assert.Equal("coffee", json.GetProperty("scene").GetProperty("beat").GetString());
        Assert.False(json.TryGetProperty("layout", out _));
    }

    [Fact]
    public void Build_ThenChangeBuilder_LeavesTheBuiltSpecUnchanged()
    {
        var builder = new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithScene("coffee");
        var first = builder.Build();
        var text = first.Render();

        builder.AddContinuityReference().AddConstraint("no text").WithStyle(ImageStyle.Photoreal).WithScene("tea");

        Assert.Equal(text, first.Render());
        Assert.Single(first.References);
    }

    [Fact]
    public void Render_SameSpecBuiltTwice_IsIdenticalByteForByte()
    {
        Assert.Equal(SeedSpecs.ModeC().Render(), SeedSpecs.ModeC().Render());
        Assert.Equal(SeedSpecs.ModeC().Render(), SeedSpecs.ModeC().ToBuilder().Build().Render());
    }

    [Fact]
    public void Render_AnySpec_UsesTwoSpaceIndentLfNewlinesAndNoBom()
    {
        var text = SeedSpecs.SequenceChunk().Render();

        Assert.DoesNotContain('\r', text);
        Assert.StartsWith("{\n  \"task\": ", text, StringComparison.Ordinal);
        Assert.EndsWith("\n}", text, StringComparison.Ordinal);
        Assert.NotEqual('\uFEFF', text[0]);
    }

    [Fact]
    public void Render_QuotesAndNonAscii_StayReadable()
    {
        var text = new PromptSpecBuilder().WithScene("Mia says \"bonjour\" at the café — 朝のコーヒー").Build().Render();

        Assert.Contains("\"beat\": \"Mia says \\\"bonjour\\\" at the café — 朝のコーヒー\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PinnedWardrobe_MovesClothingFromFreeToFixed()
    {
        var free = Json(SeedSpecs.ModeA()).GetProperty("subjects")[0];
        var pinned = Json(SeedSpecs.ModeB()).GetProperty("subjects")[0];

        Assert.True(free.GetProperty("identity_lock").GetProperty("do_not_match").TryGetProperty("clothing", out _));
        Assert.False(free.TryGetProperty("wardrobe", out _));
        Assert.False(pinned.GetProperty("identity_lock").GetProperty("do_not_match").TryGetProperty("clothing", out _));
        Assert.Equal("fixed", pinned.GetProperty("wardrobe").GetProperty("clothing").GetString());
        Assert.Equal(SeedSpecs.PinnedOutfit.Outfit, pinned.GetProperty("wardrobe").GetProperty("outfit").GetString());
    }

    [Fact]
    public void PinWardrobe_Null_FreesClothingAgain()
    {
        var spec = SeedSpecs.ModeB().ToBuilder().PinWardrobe(SeedSpecs.Subject, null).Build();

        Assert.Equal(SeedSpecs.ModeA().Render(), spec.Render());
    }

    [Fact]
    public void ImplicitConversion_ToImagePrompt_CarriesTheTextAndTheSpec()
    {
        var spec = SeedSpecs.ModeA();

        ImagePrompt prompt = spec;

        Assert.Equal(spec.Render(), prompt.Text);
        Assert.Same(spec, prompt.Spec);
        Assert.Equal(prompt, spec.ToImagePrompt());
    }

    [Fact]
    public void Render_MaxLengthTooShort_ThrowsNamingTheSpec()
    {
        var spec = SeedSpecs.ModeE();

        var exception = Assert.Throws<ArgumentException>(() => spec.Render(maxLength: 500));

        Assert.Equal("spec", exception.ParamName);
        Assert.Contains(spec.Render().Length.ToString("N0", CultureInfo.InvariantCulture), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MaxLengthOfTheModel_ReturnsTheText()
    {
        var spec = SeedSpecs.ModeE();

        Assert.Equal(spec.Render(), spec.Render(new ImageModelCapabilities { Model = "gpt-image-2" }.MaxPromptLength));
    }

    [Fact]
    public void Render_BeatsLongerThanTheLimit_Throws()
    {
        var spec = new PromptSpecBuilder().WithScene(new string('x', 32_001)).Build();

        Assert.Throws<ArgumentException>(() => spec.Render(32_000));
    }

    private static JsonElement Json(PromptSpec spec) => JsonDocument.Parse(spec.Render()).RootElement;
}
