namespace Pikumo.ImageGen.Tests.Results;

/// <summary>A result's provider metadata is a copy no holder of the result can change.</summary>
public sealed class ImageResultMetadataTests
{
    [Fact]
    public void ProviderMetadata_IsACopy_TheCallersDictionaryChangingLaterDoesNotReachIt()
    {
        var given = new Dictionary<string, string> { ["fal.response_url"] = "https://queue.fal.run/x/requests/1" };

        var result = new ImageResult { Images = [], ProviderMetadata = given };
        given["fal.response_url"] = "changed";
        given["added"] = "later";

        Assert.Equal("https://queue.fal.run/x/requests/1", result.ProviderMetadata["fal.response_url"]);
        Assert.False(result.ProviderMetadata.ContainsKey("added"));
    }

    [Fact]
    public void ProviderMetadata_CannotBeCastBackToAWritableDictionary()
    {
        var result = new ImageResult { Images = [], ProviderMetadata = new Dictionary<string, string> { ["a"] = "1" } };

        Assert.IsNotAssignableFrom<Dictionary<string, string>>(result.ProviderMetadata);
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, string>)result.ProviderMetadata)["a"] = "2");
        Assert.Empty(new ImageResult { Images = [] }.ProviderMetadata);
    }

    [Fact]
    public void ProviderMetadata_Null_NamesTheProperty()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ImageResult { Images = [], ProviderMetadata = null! });

        Assert.Equal("value", error.ParamName);
    }
}
