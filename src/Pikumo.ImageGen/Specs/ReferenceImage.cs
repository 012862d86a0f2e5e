namespace Pikumo.ImageGen.Specs;

/// <summary>
/// One reference image as the prompt names it: its number (image 1 is the first <c>image[]</c> part of the
/// request), its role and a note on how to use it. Rendered as one entry of <c>"references"</c>.
/// </summary>
public sealed record ReferenceImage
{
    internal ReferenceImage(int number, ReferenceRole role, string? subject, string note)
    {
        Number = number;
        Role = role;
        Subject = subject;
        Note = note;
    }

    /// <summary>The 1-based position of the image among the request's reference images (rendered as <c>"image"</c>).</summary>
    public int Number { get; }

    /// <summary>What the image is for (rendered as <c>"role"</c>).</summary>
    public ReferenceRole Role { get; }

    /// <summary>The subject the image shows, for <see cref="ReferenceRole.Subject"/>; otherwise <see langword="null"/>.</summary>
    public string? Subject { get; }

    /// <summary>How to use the image (rendered as <c>"note"</c>).</summary>
    public string Note { get; }
}
