using System.Reflection;
using System.Text.Json.Nodes;

namespace Pikumo.ImageGen.Conformance.Tests.Infrastructure;

/// <summary>
/// The providers' published descriptions and recordings, as extracted by <c>eng/vendor-api-descriptions.py</c>
/// (see PROVENANCE.md). Looked for in <c>$PIKUMO_API_DESCRIPTIONS</c>, then beside this project
/// (<c>ApiDescriptions/</c>), then in the steering repository's <c>shared/api-descriptions/</c> next to the clone.
/// A missing folder fails the tests with the command that makes it: nothing here is skipped.
/// </summary>
public static class ApiDescriptions
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Directory => Root.Value;

    public static string PathOf(string relative) => Path.Combine(Directory, relative.Replace('/', Path.DirectorySeparatorChar));

    public static JsonNode Json(string relative) => JsonNode.Parse(File.ReadAllText(PathOf(relative)))!;

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    private static string Locate()
    {
        var repository = typeof(ApiDescriptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable("PIKUMO_API_DESCRIPTIONS"),
            Path.Combine(repository, "tests", "Pikumo.ImageGen.Conformance.Tests", "ApiDescriptions"),
            Path.Combine(repository, "..", "shared", "api-descriptions"),
        ];
        foreach (var candidate in candidates)
        {
            if (candidate is not null && File.Exists(Path.Combine(candidate, "sources.json")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new InvalidOperationException(
            "The vendored API descriptions are missing (looked in: " + string.Join(", ", candidates.Where(c => c is not null)) + "). "
            + "Run `python3 eng/vendor-api-descriptions.py` (see tests/Pikumo.ImageGen.Conformance.Tests/PROVENANCE.md).");
    }
}
