#region fetch-again
using Pikumo.ImageGen;

using var falClient = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.Fal });   // key: FAL_KEY
var request = new ImageEditRequest("Mia on a night train", ImageInput.FromFile("mia.png")) { Quality = ImageQuality.Low };
try
{
    await falClient.EditAsync(request);
}
catch (ImageGenTimeoutException ex) when (ex.RequestId is not null)
{
    // The fal job went on running and was paid for: fetch its result instead of submitting again.
    ImageResult result = await falClient.GetResultAsync(ex.RequestId);
}
#endregion
