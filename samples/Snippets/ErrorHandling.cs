#region error-handling
using Pikumo.ImageGen;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
var request = new ImageEditRequest("Mia at the beach", ImageInput.FromFile("mia.png")) { Quality = ImageQuality.Low };
try
{
    await client.EditAsync(request);
}
catch (ArgumentException ex)
{
    Console.WriteLine($"Refused before sending: {ex.ParamName}: {ex.Message}");   // e.g. request.Size
}
catch (ImageGenContentPolicyException ex)
{
    Console.WriteLine($"Blocked ({ex.Stage}): {string.Join(", ", ex.Categories)}; request id {ex.RequestId}");
}
catch (ImageGenRateLimitException ex) when (!ex.IsQuotaExhausted)
{
    Console.WriteLine($"Slow down; the provider asks for {ex.RetryAfter}");
}
catch (ImageGenException ex) when (ex.OutcomeUnknown)
{
    Console.WriteLine($"The provider may have run (and billed) this call; not retried. Request id {ex.RequestId}");
}
#endregion
