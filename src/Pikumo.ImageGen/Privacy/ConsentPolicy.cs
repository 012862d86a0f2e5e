using System.Globalization;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Privacy;

/// <summary>The <see cref="ImageGenOptions.RequireConsent"/> check, run before any byte goes on the wire.</summary>
internal static class ConsentPolicy
{
    /// <summary>Refuses an identity-locked edit (an edit whose prompt is a spec with subjects) when a subject has no consent in force.</summary>
    public static void Check(ImageRequest request, bool required, DateTimeOffset now)
    {
        if (!required || request is not ImageEditRequest { Prompt.Spec: PromptSpec spec } || spec.Subjects.Count == 0)
        {
            return;
        }

        var missing = new List<string>();
        var reasons = new List<string>();
        foreach (var subject in spec.Subjects)
        {
            if (subject.Consent is not { } consent)
            {
                missing.Add(subject.Name);
                reasons.Add($"{subject.Name}: no consent record");
            }
            else if (!consent.IsValidAt(now))
            {
                missing.Add(subject.Name);
                reasons.Add(consent.GrantedAt > now
                    ? string.Create(CultureInfo.InvariantCulture, $"{subject.Name}: consent is dated {consent.GrantedAt:u}, in the future")
                    : string.Create(CultureInfo.InvariantCulture, $"{subject.Name}: consent expired {consent.ExpiresAt:u}"));
            }
        }

        if (missing.Count > 0)
        {
            throw new ImageGenConsentRequiredException(
                $"ImageGenOptions.RequireConsent is on and this identity-locked edit has subjects without consent in force ({string.Join("; ", reasons)}). Nothing was sent. Record consent with PromptSpecBuilder.WithConsent(new ConsentRecord {{ Subject = ..., GrantedBy = ..., GrantedAt = ..., Scope = ... }}).",
                missing,
                "request.Prompt");
        }
    }
}
