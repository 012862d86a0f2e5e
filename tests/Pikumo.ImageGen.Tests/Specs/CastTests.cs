using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Specs;

/// <summary>A cast per beat, outfits per beat and references for creatures, props, places and style.</summary>
public sealed class CastTests
{
    [Fact]
    public void Builder_KindsOfReference_NumberedInOrderWithTheirRoles()
    {
        var spec = StoryCast.ParkScene();

        Assert.Equal(
            [ReferenceRole.Subject, ReferenceRole.Subject, ReferenceRole.Creature, ReferenceRole.Prop, ReferenceRole.Location, ReferenceRole.StyleSheet],
            spec.References.Select(r => r.Role));
        Assert.Equal([1, 2, 3, 4, 5, 6], spec.References.Select(r => r.Number));
        Assert.Equal([SubjectKind.Person, SubjectKind.Creature, SubjectKind.Prop, SubjectKind.Location], spec.Subjects.Select(s => s.Kind));
        Assert.Same(IdentityLock.Creature, spec.Subjects[1].IdentityLock);
    }

    [Fact]
    public void Render_Cast_NamesEachMemberWithItsReferenceImages()
    {
        var text = StoryCast.ParkScene().Render();

        Assert.Contains("\"cast\": [\n      \"Mia (images 1 and 2)\",\n      \"Biscuit (image 3)\",\n      \"the red bicycle (image 4)\"\n    ]", text, StringComparison.Ordinal);
        Assert.Contains("\"role\": \"creature_reference\"", text, StringComparison.Ordinal);
        Assert.Contains("\"role\": \"style_reference\"", text, StringComparison.Ordinal);
        Assert.Contains("Show only the scene's cast.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ForCast_StoryboardPanels_KeepsTheUnionOfThePanelsCasts()
    {
        var selection = StoryCast.Storyboard().ForCast();

        Assert.Equal([1, 2, 3, 5, 6], selection.ReferenceNumbers); // the bicycle (4) is in no panel
        Assert.DoesNotContain(selection.Spec.Subjects, s => s.Name == "the red bicycle");
        Assert.Equal([1, 2, 3, 4, 5], selection.Spec.References.Select(r => r.Number));
    }

    [Fact]
    public void ForCast_Names_RenumbersTheKeptImagesAndKeepsStyleSheets()
    {
        var selection = StoryCast.Storyboard().ForCast(["Biscuit"]);

        Assert.Equal([3, 6], selection.ReferenceNumbers);
        var biscuit = Assert.Single(selection.Spec.Subjects);
        Assert.Equal([1], biscuit.ReferenceImages);
        Assert.Equal(ReferenceRole.StyleSheet, selection.Spec.References[1].Role);
        Assert.Equal(["c", "f"], selection.SelectImages(["a", "b", "c", "d", "e", "f"]));
    }

    [Fact]
    public void ForCast_ASceneWithoutCast_KeepsEveryone()
    {
        var spec = StoryCast.Builder().WithScene("a quiet afternoon").Build();

        Assert.Equal([1, 2, 3, 4, 5, 6], spec.ForCast().ReferenceNumbers);
    }

    [Fact]
    public void ForCast_UnknownName_NamesTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => StoryCast.ParkScene().ForCast(["Rex"]));

        Assert.Equal("names", error.ParamName);
        Assert.Contains("Rex", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectImages_TooFewImages_NamesTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => StoryCast.ParkScene().ForCast().SelectImages(new[] { "a", "b" }));

        Assert.Equal("references", error.ParamName);
    }

    [Fact]
    public void Build_CastNamesSomeoneTheSpecDoesNotHave_Throws()
    {
        var builder = StoryCast.Builder().WithScene(new Scene("Rex barks").WithCast("Rex"));

        var error = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("Scene.Cast", error.Message, StringComparison.Ordinal);
        Assert.Contains("Rex", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WardrobeForTheDog_Throws()
    {
        var builder = StoryCast.Builder().WithScene(new Scene("Biscuit in a raincoat").Wearing("Biscuit", "a raincoat"));

        var error = Assert.Throws<InvalidOperationException>(builder.Build);
        Assert.Contains("Scene.Wardrobe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PinWardrobe_OnAProp_NamesTheParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => StoryCast.Builder().PinWardrobe("the red bicycle", new WardrobePin("a bell")));

        Assert.Equal("subject", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void WithCast_EmptyName_Throws(string name) => Assert.Throws<ArgumentException>(() => new Scene("x").WithCast(name));

    [Fact]
    public void WithCast_RepeatedName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new Scene("x").WithCast("Mia", "Mia"));

        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scene_SameCastAndWardrobe_AreEqual()
    {
        var a = new Scene("walk").WithCast("Mia", "Biscuit").Wearing("Mia", "pyjamas");
        var b = new Scene("walk").WithCast("Mia", "Biscuit").Wearing("Mia", "pyjamas");

        Assert.Equal(a, b);
        Assert.NotEqual(a, b.Wearing("Mia", "uniform"));
        Assert.NotEqual(a, b.WithCast("Mia"));
    }

    [Fact]
    public void Render_SpecWithoutNewKinds_IsUnchanged()
    {
        // The seed's specs render exactly their golden files (GoldenPromptTests); this guards the wording switch.
        Assert.DoesNotContain("person or animal", SeedSpecs.ModeE().Render(), StringComparison.Ordinal);
        Assert.Contains("person or animal", StoryCast.Storyboard().Render(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_ForCast_UploadsOnlyTheCastsImagesInTheSpecsOrder()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        byte[][] photos = [.. Enumerable.Range(1, 6).Select(seed => TestImages.Png(seed: seed))];
        var bedtime = StoryCast.Builder()
            .WithScene(new Scene("Mia reads Biscuit a bedtime story").WithCast("Mia", "Biscuit").Wearing("Mia", "pyjamas"))
            .Build()
            .ForCast();

        await client.EditAsync(bedtime.Spec.ToEditRequest(bedtime.SelectImages([.. photos.Select(p => ImageInput.FromBytes(p))])), TestContext.Current.CancellationToken);

        var sent = simulator.Recorder.Last!;
        Assert.Equal([photos[0], photos[1], photos[2], photos[5]], sent.Images.Select(i => i.Data.ToArray()));
        Assert.Contains("\"Biscuit (image 3)\"", sent.Prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("the red bicycle", sent.Prompt, StringComparison.Ordinal);
    }
}
