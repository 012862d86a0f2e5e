namespace Pikumo.ImageGen;

/// <summary>Keeps keys out of strings: describes them without their value and scrubs them from text.</summary>
internal static class Secrets
{
    public static string Describe(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "[REDACTED]";

    /// <summary>Replaces every occurrence of any of the secrets in the text.</summary>
    public static string Redact(string text, IReadOnlyList<string?> secrets)
    {
        foreach (var secret in secrets)
        {
            // Short values would redact ordinary words; real keys are long.
            if (secret is { Length: >= 8 })
            {
                text = text.Replace(secret, "[REDACTED]", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
