namespace Pikumo.ImageGen.Internal;

/// <summary>Shared rules for the string-backed open value types (quality, format, model…).</summary>
internal static class OpenValue
{
    /// <summary>Wire enums are lower-case ASCII; values a newer model adds pass through once normalised.</summary>
    public static string NormalizeToken(string? value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        return value.Trim().ToLowerInvariant();
    }
}
