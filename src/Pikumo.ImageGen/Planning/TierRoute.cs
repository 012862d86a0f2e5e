namespace Pikumo.ImageGen.Planning;

/// <summary>Where a tier's calls go: a provider (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>, <c>gemini</c>) and a model id of the capability and price tables.</summary>
/// <param name="Provider">The provider name.</param>
/// <param name="Model">The model id, for example <c>gpt-image-2</c>, <c>fal-ai/flux-2/turbo</c> or <c>gemini-3.1-flash-image</c>.</param>
public readonly record struct TierRoute(string Provider, string Model)
{
    /// <inheritdoc />
    public override string ToString() => $"{Provider} {Model}";
}
