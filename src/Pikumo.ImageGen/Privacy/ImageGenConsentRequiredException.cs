namespace Pikumo.ImageGen.Privacy;

/// <summary>
/// An identity-locked edit was refused before anything was sent, because <see cref="ImageGenOptions.RequireConsent"/>
/// is on and a subject of its spec has no consent record in force. <see cref="Subjects"/> names them, so the app can
/// ask for consent and try again.
/// </summary>
public sealed class ImageGenConsentRequiredException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing.</param>
    /// <param name="subjects">The subjects without consent in force.</param>
    /// <param name="paramName">The request parameter (the prompt).</param>
    public ImageGenConsentRequiredException(string message, IReadOnlyList<string> subjects, string? paramName = null)
        : base(message, paramName)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        Subjects = subjects;
    }

    /// <summary>The subjects whose consent is missing or not in force.</summary>
    public IReadOnlyList<string> Subjects { get; }
}
