namespace Pikumo.ImageGen.Internal;

/// <summary>Checks shared by the providers' start-up validation; each failure names the setting as its configuration path.</summary>
internal static class SettingChecks
{
    public static IEnumerable<string> Required(string? value, string setting, string? environmentVariable, string? note = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return $"{setting} is required{note}{(environmentVariable is null ? string.Empty : $", or set the {environmentVariable} environment variable")}.";
        }
    }

    public static IEnumerable<string> HttpUri(Uri? uri, string setting)
    {
        if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{setting} must be an absolute http(s) address; it is '{uri}'.";
        }
    }

    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
