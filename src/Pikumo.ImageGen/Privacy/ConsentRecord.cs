namespace Pikumo.ImageGen.Privacy;

/// <summary>
/// A subject's consent to have images made from their photos: who consented, when, and to what. Attach it to a
/// spec's subject with <see cref="Specs.PromptSpecBuilder.WithConsent"/>; it then travels with every call made from
/// the spec into the sequence manifest and into the XMP of derived images (sliced frames, contact sheets), and
/// <see cref="ImageGenOptions.RequireConsent"/> can make it a precondition of every identity-locked edit.
/// It is never sent to the provider: it is not part of the rendered prompt.
/// </summary>
/// <remarks>
/// The library records what the app tells it; it does not verify consent. Keep the record short and free of
/// anything you would not want copied into every frame's metadata (no contact details, no ID numbers).
/// </remarks>
public sealed record ConsentRecord
{
    /// <summary>The subject's name as the spec uses it, for example <c>Mia</c>.</summary>
    public required string Subject { get; init; }

    /// <summary>Who gave consent: the subject, or for a child their parent or guardian (for example <c>Mia's mother</c>).</summary>
    public required string GrantedBy { get; init; }

    /// <summary>When consent was given.</summary>
    public required DateTimeOffset GrantedAt { get; init; }

    /// <summary>What it covers, in the words the person agreed to (for example <c>illustrated birthday storybook, kept 30 days</c>).</summary>
    public required string Scope { get; init; }

    /// <summary>When it ends, if it does; an expired consent counts as none when <see cref="ImageGenOptions.RequireConsent"/> is on.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The app's own id for the signed form or consent event, so a frame can be traced back to it.</summary>
    public string? Reference { get; init; }

    /// <summary>Whether the consent is in force at a time.</summary>
    /// <param name="now">The time to check.</param>
    /// <returns><see langword="true"/> when it was given at or before <paramref name="now"/> and has not expired.</returns>
    public bool IsValidAt(DateTimeOffset now) => GrantedAt <= now && (ExpiresAt is not { } end || now < end);
}
