using System.Text.RegularExpressions;

namespace Pikumo.ImageGen;

/// <summary>Keeps keys out of strings: describes them without their value and scrubs them from text.</summary>
internal static partial class Secrets
{
    public static string Describe(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "[REDACTED]";

    /// <summary>An address as it may be shown: without the user name and password a proxy address can carry.</summary>
    public static string? Address(Uri? address) =>
        address is { IsAbsoluteUri: true, UserInfo.Length: > 0 } ? new UriBuilder(address) { UserName = string.Empty, Password = string.Empty }.Uri.ToString() : address?.ToString();

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

        // OpenAI's 401 echoes a masked key ("Incorrect API key provided: sk-w****abcd"): its prefix and last four characters
        // are still part of the key, and a message or log line is no place for them.
        return EchoedKey().Replace(text, "$1[REDACTED]");
    }

    [GeneratedRegex(@"(Incorrect API key provided: )[^\s.,;]+|(?<![\w-])sk-[\w-]*\*{2,}[\w-]*", RegexOptions.CultureInvariant)]
    private static partial Regex EchoedKey();
}
