using System.Diagnostics.CodeAnalysis;

namespace Pikumo.ImageGen;

/// <summary>A text-only generation (<c>POST /images/generations</c>), for stories that start without a reference photo.</summary>
public sealed record ImageGenerateRequest : ImageRequest
{
    /// <summary>Creates an empty request; set <see cref="ImageRequest.Prompt"/>.</summary>
    public ImageGenerateRequest()
    {
    }

    /// <summary>Creates a request from a prompt.</summary>
    /// <param name="prompt">The prompt.</param>
    [SetsRequiredMembers]
    public ImageGenerateRequest(ImagePrompt prompt) => Prompt = prompt;
}
