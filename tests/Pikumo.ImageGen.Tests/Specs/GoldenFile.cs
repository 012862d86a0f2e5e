using System.Text;

namespace Pikumo.ImageGen.Tests.Specs;

/// <summary>
/// Golden files: the exact prompt text a spec renders, kept in <c>tests/Pikumo.ImageGen.Tests/Specs/Golden/</c>
/// and compared byte for byte, so any change to the output is a visible diff in review.
/// </summary>
/// <remarks>
/// To (re)generate after an intended change, run the tests with <c>PIKUMO_UPDATE_GOLDEN=1</c>:
/// <code>
/// PIKUMO_UPDATE_GOLDEN=1 dotnet test --project tests/Pikumo.ImageGen.Tests -- --filter-namespace "Pikumo.ImageGen.Tests.Specs*"
/// </code>
/// The files are then written instead of compared (the tests pass); review them with <c>git diff</c> before
/// committing. The files are read from the source tree (found by walking up from the test binaries to
/// <c>Pikumo.ImageGen.sln</c>), not copied to the output folder.
/// </remarks>
internal static class GoldenFile
{
    public const string UpdateVariable = "PIKUMO_UPDATE_GOLDEN";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The folder holding <c>Pikumo.ImageGen.sln</c>.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Folder { get; } = Path.Combine(RepositoryRoot, "tests", "Pikumo.ImageGen.Tests", "Specs", "Golden");

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static void AssertMatches(string name, string actual)
    {
        var path = Path.Combine(Folder, name);
        var actualBytes = Utf8NoBom.GetBytes(actual);
        if (Updating)
        {
            File.WriteAllBytes(path, actualBytes);
            return;
        }

        Assert.True(File.Exists(path), $"The golden file {path} is missing; run the tests with {UpdateVariable}=1 to create it.");
        var expected = File.ReadAllBytes(path);
        if (!expected.AsSpan().SequenceEqual(actualBytes))
        {
            // Equal on the strings shows the first difference; the byte check above also catches BOMs and line endings.
            Assert.Equal(Encoding.UTF8.GetString(expected), actual);
            Assert.Fail($"{name} differs from the golden file in its bytes (BOM or encoding); run with {UpdateVariable}=1 to update it after review.");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pikumo.ImageGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Pikumo.ImageGen.sln above {AppContext.BaseDirectory}: golden files are read from the source tree.");
    }
}
