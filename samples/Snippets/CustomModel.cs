#region custom-model
using Pikumo.ImageGen;

var options = new ImageGenOptions { Provider = ImageProvider.OpenAI };
// A model newer than this library: tell validation what it takes; model and size stay free strings.
options.Models = options.Models.With(ImageModelCatalog.Default.Resolve("gpt-image-2") with
{
    Model = "gpt-image-3",
    MaxCount = 8,
    Sizes = ImageSizeRules.GptImage2 with { MaxEdge = 4096, MaxPixels = 4096L * 4096 },
});
options.Prices = options.Prices.With(ImagePriceTable.AnyProvider, "gpt-image-3", new ImageModelPrice { TextInputPerMillion = 5m, ImageInputPerMillion = 8m, ImageOutputPerMillion = 30m });
#endregion
