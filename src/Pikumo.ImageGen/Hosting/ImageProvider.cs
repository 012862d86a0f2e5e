namespace Pikumo.ImageGen;

/// <summary>Which provider a client calls.</summary>
public enum ImageProvider
{
    /// <summary>OpenAI: <c>POST {BaseAddress}/images/edits</c> with <c>Authorization: Bearer</c>.</summary>
    OpenAI,

    /// <summary>Azure OpenAI / AI Foundry: the v1 route or a deployment route, <c>api-key</c> or Entra ID.</summary>
    AzureOpenAI,

    /// <summary>fal.ai: JSON bodies, the queue API, <c>Authorization: Key</c>.</summary>
    Fal,

    /// <summary>A host-supplied transport (<see cref="ImageGenOptions.TransportFactory"/>).</summary>
    Custom,

    /// <summary>Google's Gemini API: <c>generateContent</c> with image output, references as inline parts, <c>x-goog-api-key</c>.</summary>
    Gemini,
}
