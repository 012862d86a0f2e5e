namespace Pikumo.ImageGen.Samples.Tests;

/// <summary>docs/concepts.md names every namespace a package puts public types in, so no <c>using</c> is a guess.</summary>
public sealed class ConceptsPageTests
{
    [Fact]
    public void ConceptsPage_NamesEveryPublicNamespaceOfEveryPackage()
    {
        var page = File.ReadAllText(Path.Combine(DocsSnippetTests.RepositoryRoot, "docs", "concepts.md"));
        var packages = new[]
        {
            typeof(ImageGenClient).Assembly,
            typeof(Imaging.SkiaCompositeSlicer).Assembly,
            typeof(Testing.ImageGenSimulator).Assembly,
            typeof(Reporting.SequenceReport).Assembly,
            typeof(Transports.Azure.AzureTokenCredentialExtensions).Assembly,
            typeof(Storage.Blobs.BlobSequenceStore).Assembly,
            typeof(Orleans.IStoryGrain).Assembly,
        };

        var unnamed = packages
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Select(type => type.Namespace!)
            .Distinct(StringComparer.Ordinal)
            .Where(ns => !ns.StartsWith("OrleansCodeGen.", StringComparison.Ordinal))   // Orleans' generated serializers: public for its runtime, hidden from users
            .Where(ns => !page.Contains($"| `{ns}` |", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.True(unnamed.Length == 0, "docs/concepts.md does not name: " + string.Join(", ", unnamed));
    }
}
