using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

public sealed class SceneTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void Constructor_EmptyBeat_ThrowsNamingTheBeat(string beat)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => new Scene(beat));

        Assert.Equal("beat", exception.ParamName);
    }

    [Fact]
    public void Constructor_NullBeat_ThrowsNamingTheBeat()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => new Scene(null!));

        Assert.Equal("beat", exception.ParamName);
    }

    [Fact]
    public void ImplicitConversion_Text_IsASceneWithOnlyABeat()
    {
        Scene scene = " morning coffee ";

        Assert.Equal(("morning coffee", null, null, null), (scene.Beat, scene.Setting, scene.TimeOfDay, scene.Framing));
    }

    [Fact]
    public void Init_WhitespaceOptionalParts_BecomeNone()
    {
        var scene = new Scene("coffee") { Setting = " ", TimeOfDay = "", Framing = " close-up " };

        Assert.Equal((null, null, "close-up"), (scene.Setting, scene.TimeOfDay, scene.Framing));
    }

    [Fact]
    public void Render_SceneWithAllParts_WritesThemInFixedOrderUnderScene()
    {
        var text = new PromptSpecBuilder()
            .WithScene(new Scene("coffee") { Framing = "close-up", TimeOfDay = "dawn", Setting = "kitchen" })
            .Build()
            .Render();

        Assert.Contains("\"scene\": {\n    \"beat\": \"coffee\",\n    \"setting\": \"kitchen\",\n    \"time_of_day\": \"dawn\",\n    \"camera\": \"close-up\"\n  }", text, StringComparison.Ordinal);
    }
}
