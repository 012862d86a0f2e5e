using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Pikumo.ImageGen;

/// <summary>
/// Reports keys in the client's configuration section that no setting reads (a misspelled <c>DefaultQualty</c> would
/// otherwise be ignored and the default used). Runs with the other validators, so <c>ValidateOnStart</c> fails the
/// host at start-up with the full path of each unknown key and the setting it most resembles.
/// </summary>
internal sealed class ImageGenConfigurationKeysValidator : IValidateOptions<ImageGenOptions>
{
    private readonly string _name;
    private readonly IConfiguration _configuration;

    public ImageGenConfigurationKeysValidator(string name, IConfiguration configuration)
    {
        _name = name;
        _configuration = configuration;
    }

    public ValidateOptionsResult Validate(string? name, ImageGenOptions options)
    {
        if (!string.Equals(name ?? Options.DefaultName, _name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = UnknownKeys(_configuration);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every unknown key under <paramref name="configuration"/>, as a message naming its path.</summary>
    internal static List<string> UnknownKeys(IConfiguration configuration)
    {
        var failures = new List<string>();
        var providers = ImageProviders.All;
        string[] sections = [.. providers.Select(p => p.SectionName), nameof(ImageGenOptions.Resilience)];
        Check(configuration, typeof(ImageGenOptions), failures, openSections: [nameof(ImageGenOptions.ModelAliases)], nestedSections: sections);
        foreach (var provider in providers)
        {
            provider.CheckKeys(configuration, failures);
        }

        Check(configuration.GetSection(nameof(ImageGenOptions.Resilience)), typeof(ImageGenResilienceOptions), failures);
        return failures;
    }

    /// <summary>Reports the keys of <paramref name="section"/> that are not public properties of <paramref name="type"/> (or, at the top level, a nested section).</summary>
    internal static void Check(
        IConfiguration section,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type,
        List<string> failures,
        string[]? openSections = null,
        string[]? nestedSections = null)
    {
        var known = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is not null && p.GetIndexParameters().Length == 0)
            .Select(p => p.Name)
            .Concat(nestedSections ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        foreach (var child in section.GetChildren())
        {
            var match = known.FirstOrDefault(k => string.Equals(k, child.Key, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var path = child.Path;
                var hint = Closest(child.Key, known) is { } closest ? $" Did you mean '{closest}'?" : string.Empty;
                failures.Add($"Configuration key '{path}' is not a setting of {type.Name}; it would be ignored.{hint}");
            }
            else if (child.Value is null && child.GetChildren().Any()
                && !(openSections ?? []).Contains(match, StringComparer.Ordinal)
                && !(nestedSections ?? []).Contains(match, StringComparer.Ordinal))
            {
                failures.Add($"Configuration key '{child.Path}' is a section, but {type.Name}.{match} is a single value (or is set in code only).");
            }
        }
    }

    /// <summary>The known name within two edits of <paramref name="key"/>, if one is.</summary>
    private static string? Closest(string key, string[] known)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in known)
        {
            var distance = Distance(key.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
