using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pikumo.ImageGen.Samples.Tests;

/// <summary>
/// Compiles one docs snippet on its own, as a user would paste it into a new console app (implicit usings on,
/// nullable on), against the framework and the packages: Pikumo.ImageGen, .Imaging, .Testing and what they and the
/// snippets use (Microsoft.Extensions.*, OpenTelemetry, xunit). Not against the samples or these tests, so a
/// snippet cannot lean on a sample-only type.
/// </summary>
internal static class SnippetCompiler
{
    /// <summary>The global usings of a new console app (<c>ImplicitUsings</c>), plus xunit's for test-class snippets.</summary>
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>The compiler's errors and warnings for a snippet; empty when it compiles cleanly.</summary>
    public static IReadOnlyList<string> Diagnose(string name, string code)
    {
        var parse = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview);
        var tree = CSharpSyntaxTree.ParseText(code, parse, path: name + ".cs");
        var topLevel = tree.GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any();
        var options = new CSharpCompilationOptions(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic>
            {
                ["CS1701"] = ReportDiagnostic.Suppress,   // assembly version unification, as the SDK does
                ["CS1702"] = ReportDiagnostic.Suppress,
                ["CS8019"] = ReportDiagnostic.Suppress,   // an unused implicit using
            });
        var compilation = CSharpCompilation.Create(
            "Snippet_" + name.Replace('-', '_'),
            [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "GlobalUsings.g.cs")],
            References.Value,
            options);
        return [.. compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS8019")
            .Select(d => d.ToString())];
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var excluded = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Pikumo.ImageGen.Samples.dll",
            typeof(SnippetCompiler).Assembly.GetName().Name + ".dll",
        };
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var local = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return [.. framework.Concat(local)
            .Where(path => !excluded.Contains(Path.GetFileName(path)))
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Where(IsManaged)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
