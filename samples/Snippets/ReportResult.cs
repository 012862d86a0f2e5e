#region report-result
using Pikumo.ImageGen;
using Pikumo.ImageGen.Reporting;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
var request = new ImageEditRequest("Mia drinks her morning coffee", ImageInput.FromFile("mia.png")) { Quality = ImageQuality.Low };

ImageResult result = await client.EditAsync(request);
// Saves the images to out/coffee-files/ and writes out/coffee.html beside them.
await ImageResultReport.WriteAsync("out/coffee.html", result, prompt: request.Prompt.Text);
#endregion
