#region gemini-client
using Microsoft.Extensions.DependencyInjection;
using Pikumo.ImageGen;

var services = new ServiceCollection();
services.AddPikumoImageGen("gemini", options =>
{
    options.Provider = ImageProvider.Gemini;                // key from Gemini:ApiKey or GEMINI_API_KEY, sent as x-goog-api-key
    options.Gemini.Model = "gemini-3.1-flash-image";        // Nano Banana 2; any id the API serves
});
#endregion
