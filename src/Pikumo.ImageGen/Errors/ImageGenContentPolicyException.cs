namespace Pikumo.ImageGen;

/// <summary>
/// The provider's safety system refused the prompt, a reference image or the output (<c>moderation_blocked</c>,
/// <c>content_policy_violation</c>, Azure <c>content_filter</c>). Never retried. <see cref="Categories"/> and
/// <see cref="Stage"/> say what triggered where the provider tells.
/// </summary>
public sealed class ImageGenContentPolicyException : ImageGenProviderException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="details">The parsed error answer.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ImageGenContentPolicyException(string message, ProviderErrorDetails details, Exception? innerException = null)
        : base(message, details, innerException)
    {
    }

    /// <summary>The categories that triggered (for example <c>sexual</c>, <c>violence</c>).</summary>
    public IReadOnlyList<string> Categories => Details.Categories;

    /// <summary><c>input</c> or <c>output</c>, when the provider says.</summary>
    public string? Stage => Details.ModerationStage;
}
