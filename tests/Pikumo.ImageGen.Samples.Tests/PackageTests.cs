using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Pikumo.ImageGen.Samples.Tests;

/// <summary>
/// The packages as a user gets them: packed from the built projects, restored by version from a local folder
/// (not by project reference) into a console app that makes one call on the simulator, and published trimmed
/// without warnings. Catches a missing file or dependency in a package, and trimming-unsafe code.
/// </summary>
[Collection(nameof(PackageTests))]
[CollectionDefinition(nameof(PackageTests), DisableParallelization = true)]
public sealed class PackageTests
{
    private static readonly string[] AllowedCoreDependencies =
    [
        "Microsoft.Extensions.AI.Abstractions",
        "Microsoft.Extensions.Configuration.Abstractions",
        "Microsoft.Extensions.Http",
        "Microsoft.Extensions.Http.Resilience",
        "Microsoft.Extensions.Logging.Abstractions",
        "Microsoft.Extensions.Options",
    ];

    [Fact]
    public async Task Packages_RestoredByVersion_RunACallOnTheSimulatorAndPublishTrimmedWithoutWarnings()
    {
        var root = DocsSnippetTests.RepositoryRoot;
        var configuration = AppContext.BaseDirectory.Replace('\\', '/').Contains("/release/", StringComparison.OrdinalIgnoreCase) ? "Release" : "Debug";
        var work = Directory.CreateTempSubdirectory("pikumo-packages").FullName;
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}";
        try
        {
            var feed = Path.Combine(work, "feed");
            foreach (var project in new[] { "Pikumo.ImageGen", "Pikumo.ImageGen.Testing" })
            {
                await RunAsync(root, "dotnet", "pack", $"src/{project}/{project}.csproj", "-c", configuration, "--no-build", "-o", feed, $"-p:Version={version}");
            }

            // The core package: no native assets, only the allowed dependencies, docs, readme and symbols.
            using (var core = ZipFile.OpenRead(Path.Combine(feed, $"Pikumo.ImageGen.{version}.nupkg")))
            {
                var entries = core.Entries.Select(e => e.FullName).ToArray();
                Assert.DoesNotContain(entries, e => e.StartsWith("runtimes/", StringComparison.Ordinal) || e.EndsWith(".so", StringComparison.Ordinal) || e.EndsWith(".dylib", StringComparison.Ordinal));
                Assert.Contains("lib/net10.0/Pikumo.ImageGen.dll", entries);
                Assert.Contains("lib/net10.0/Pikumo.ImageGen.xml", entries);
                Assert.Contains("README.md", entries);
                Assert.Contains("icon.png", entries);
                using var nuspec = core.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
                var dependencies = XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToArray();
                Assert.Empty(dependencies.Except(AllowedCoreDependencies));
            }

            Assert.True(File.Exists(Path.Combine(feed, $"Pikumo.ImageGen.{version}.snupkg")));

            var app = Path.Combine(work, "app");
            Directory.CreateDirectory(app);
            await File.WriteAllTextAsync(Path.Combine(app, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="pikumo-local" value="{feed}" />
                  </packageSources>
                </configuration>
                """, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(app, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <TrimmerSingleWarn>false</TrimmerSingleWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Pikumo.ImageGen.Testing" Version="{version}" />
                  </ItemGroup>
                </Project>
                """, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), """
                using Pikumo.ImageGen;
                using Pikumo.ImageGen.Testing;
                using Pikumo.ImageGen.Testing.Imaging;

                var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
                using var client = simulator.CreateClient();
                var photo = PngEncoder.Encode(8, 8, new byte[8 * 8 * 3]);
                var result = await client.EditAsync(new ImageEditRequest("a package consumer's first call", ImageInput.FromBytes(photo)) { Size = ImageSize.Landscape1536x1024 });
                Console.WriteLine($"ok {result.Images[0].Width}x{result.Images[0].Height} {result.Provider}");
                """, TestContext.Current.CancellationToken);

            var run = await RunAsync(app, "dotnet", "run", "-c", "Release");
            Assert.Contains("ok 1536x1024 openai", run, StringComparison.Ordinal);

            var publish = await RunAsync(app, "dotnet", "publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:PublishTrimmed=true", "-o", Path.Combine(work, "trimmed"));
            Assert.DoesNotContain("warning IL", publish, StringComparison.Ordinal);
            var trimmed = await RunAsync(app, Path.Combine(work, "trimmed", "Consumer"));
            Assert.Contains("ok 1536x1024 openai", trimmed, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string directory, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output + await error;
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}");
        return text;
    }
}
