using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

public sealed class IdentityLockBuilderTests
{
    [Fact]
    public void Production_IsTheSeedsFullLock_TenTraitsToMatchAndSixAspectsFree()
    {
        var production = IdentityLock.Production;

        Assert.Equal(
            ["face_shape", "eyes", "eyebrows", "nose", "mouth", "hair", "skin_tone", "apparent_age", "build", "distinguishing_marks"],
            production.MatchExactly.Select(t => t.Name));
        Assert.Equal(
            ["clothing", "pose", "expression", "setting", "lighting", "camera"],
            production.DoNotMatch.Select(t => t.Name));
    }

    [Fact]
    public void LighterPresets_MatchFewerTraitsThanProduction_AndLeaveClothingFree()
    {
        Assert.True(IdentityLock.FaceAndHair.MatchExactly.Count < IdentityLock.Production.MatchExactly.Count);
        Assert.True(IdentityLock.Likeness.MatchExactly.Count < IdentityLock.FaceAndHair.MatchExactly.Count);
        Assert.All([IdentityLock.FaceAndHair, IdentityLock.Likeness], preset => Assert.Contains(preset.DoNotMatch, t => t.Name == "clothing"));
    }

    [Fact]
    public void Describe_ExistingTrait_ChangesItsDescriptionAndKeepsItsPlace()
    {
        var identity = IdentityLock.Production.ToBuilder()
            .Describe("hair", "shoulder-length black hair with bangs")
            .Build();

        var hair = identity.MatchExactly[5];
        Assert.Equal(("hair", "shoulder-length black hair with bangs"), (hair.Name, hair.Description));
        Assert.Equal(IdentityLock.Production.MatchExactly.Count, identity.MatchExactly.Count);
    }

    [Fact]
    public void ToBuilder_ChangedBuilder_LeavesThePresetUnchanged()
    {
        IdentityLock.Production.ToBuilder().Remove("nose").Describe("hair", "bald").Build();

        Assert.Contains(IdentityLock.Production.MatchExactly, t => t.Name == "nose");
        Assert.Equal("same hair colour, length, texture, parting and style", IdentityLock.Production.MatchExactly.Single(t => t.Name == "hair").Description);
    }

    [Fact]
    public void MatchExactly_NewTrait_AppendsItWithTheGivenOrDefaultDescription()
    {
        var identity = new IdentityLockBuilder()
            .MatchExactly("eyes", "dark brown almond eyes")
            .MatchExactly("freckles")
            .Build();

        Assert.Equal(
            [("eyes", "dark brown almond eyes"), ("freckles", "same as in the reference image")],
            identity.MatchExactly.Select(t => (t.Name, t.Description)));
        Assert.Empty(identity.DoNotMatch);
    }

    [Fact]
    public void MatchExactly_NameThatIsInDoNotMatch_MovesItOutOfDoNotMatch()
    {
        var identity = IdentityLock.Production.ToBuilder()
            .MatchExactly("clothing", "the yellow raincoat from the reference")
            .Build();

        Assert.DoesNotContain(identity.DoNotMatch, t => t.Name == "clothing");
        Assert.Equal("the yellow raincoat from the reference", identity.MatchExactly[^1].Description);
    }

    [Fact]
    public void DoNotMatch_NameThatIsInMatchExactly_MovesItOutOfMatchExactly()
    {
        var identity = IdentityLock.Production.ToBuilder()
            .DoNotMatch("hair", "hair may be tied up or down")
            .Build();

        Assert.DoesNotContain(identity.MatchExactly, t => t.Name == "hair");
        Assert.Equal(("hair", "hair may be tied up or down"), (identity.DoNotMatch[^1].Name, identity.DoNotMatch[^1].Description));
    }

    [Fact]
    public void Remove_TraitInEitherBlock_RemovesIt()
    {
        var identity = IdentityLock.Production.ToBuilder()
            .Remove("distinguishing_marks")
            .Remove("camera")
            .Build();

        Assert.DoesNotContain(identity.MatchExactly, t => t.Name == "distinguishing_marks");
        Assert.DoesNotContain(identity.DoNotMatch, t => t.Name == "camera");
    }

    [Theory]
    [InlineData("tattoo")]
    [InlineData("Hair")]
    public void Remove_UnknownTrait_ThrowsNamingTheParameter(string name)
    {
        var builder = IdentityLock.Production.ToBuilder();

        var exception = Assert.Throws<ArgumentException>(() => builder.Remove(name));

        Assert.Equal("name", exception.ParamName);
        Assert.Contains(name, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_UnknownTrait_ThrowsNamingTheParameter()
    {
        var exception = Assert.Throws<ArgumentException>(() => new IdentityLockBuilder().Describe("hair", "red"));

        Assert.Equal("name", exception.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void MatchExactly_EmptyName_ThrowsNamingTheParameter(string name)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new IdentityLockBuilder().MatchExactly(name, "x"));

        Assert.Equal("trait", exception.ParamName);
    }

    [Fact]
    public void MatchExactly_WhitespaceDescription_ThrowsNamingTheDescription()
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new IdentityLockBuilder().MatchExactly("hair", " "));

        Assert.Equal("description", exception.ParamName);
    }

    [Fact]
    public void Build_NoTraitToMatch_Throws()
    {
        var builder = new IdentityLockBuilder().DoNotMatch("clothing");

        Assert.Throws<InvalidOperationException>(builder.Build);
    }
}
