// Vendored from dotnet/extensions (MIT licence, Copyright (c) .NET Foundation and Contributors)
//   repository: https://github.com/dotnet/extensions
//   commit:     5862342c9a100ca33f5d1f2bd58c511bde1e8f40
//   path:       test/Libraries/Microsoft.Extensions.AI.Integration.Tests/ImageGeneratorIntegrationTests.cs
//   resource:   test/Shared/ImageDataUri/dotnet.png (embedded as Microsoft.Extensions.AI.Resources.dotnet.png)
// Adapted only where it must be, each change marked "PIKUMO:" below:
//   1. #pragma lines for this repository's analysers: MEAI001 (IImageGenerator is experimental) and xUnit1051
//      (upstream does not pass TestContext.Current.CancellationToken); the test code itself is unchanged.
//   2. SkipIfNotEnabled: upstream skips unless TestRunnerConfiguration (an upstream-only helper reading real-service
//      settings) enables integration tests. Here the generator runs on the offline simulator and this repository
//      skips no test, so a missing generator fails instead of skipping.
// The subclasses that run it on the simulator for OpenAI, Azure OpenAI and fal are in ImageGeneratorIntegrationTests.Simulator.cs.

// Licensed to the .NET Foundation under one or more agreements.
// The .NET Foundation licenses this file to you under the MIT license.

using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Threading.Tasks;
using Xunit;

#pragma warning disable CA2214 // Do not call overridable methods in constructors
#pragma warning disable MEAI001 // PIKUMO: IImageGenerator is experimental in Microsoft.Extensions.AI
#pragma warning disable xUnit1051 // PIKUMO: upstream calls without TestContext.Current.CancellationToken

namespace Microsoft.Extensions.AI;

public abstract class ImageGeneratorIntegrationTests : IDisposable
{
    private readonly IImageGenerator? _generator;

    protected ImageGeneratorIntegrationTests()
    {
        _generator = CreateGenerator();
    }

    public void Dispose()
    {
        _generator?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract IImageGenerator? CreateGenerator();

    [Fact]
    public virtual async Task GenerateImagesAsync_SingleImageGeneration()
    {
        SkipIfNotEnabled();

        var options = new ImageGenerationOptions
        {
            Count = 1
        };

        var response = await _generator.GenerateImagesAsync("A simple drawing of a house", options);

        Assert.NotNull(response);
        Assert.NotEmpty(response.Contents);

        var content = Assert.Single(response.Contents);
        switch (content)
        {
            case UriContent uc:
                Assert.StartsWith("http", uc.Uri.Scheme, StringComparison.Ordinal);
                break;

            case DataContent dc:
                Assert.False(dc.Data.IsEmpty);
                Assert.StartsWith("image/", dc.MediaType, StringComparison.Ordinal);
                break;

            default:
                Assert.Fail($"Unexpected content type: {content.GetType()}");
                break;
        }
    }

    [Fact]
    public virtual async Task GenerateImagesAsync_MultipleImages()
    {
        SkipIfNotEnabled();

        var options = new ImageGenerationOptions
        {
            Count = 2
        };

        var response = await _generator.GenerateImagesAsync("A cat sitting on a table", options);

        Assert.NotNull(response);
        Assert.NotEmpty(response.Contents);
        Assert.Equal(2, response.Contents.Count);

        foreach (var content in response.Contents)
        {
            Assert.IsType<DataContent>(content);
            var dataContent = (DataContent)content;
            Assert.False(dataContent.Data.IsEmpty);
            Assert.StartsWith("image/", dataContent.MediaType, StringComparison.Ordinal);
        }
    }

    [Fact]
    public virtual async Task EditImagesAsync_SingleImage()
    {
        SkipIfNotEnabled();

        var imageData = GetImageData("dotnet.png");
        AIContent[] originalImages = [new DataContent(imageData, "image/png") { Name = "dotnet.png" }];

        var options = new ImageGenerationOptions
        {
            Count = 1
        };

        var response = await _generator.EditImagesAsync(originalImages, "Add a red border and make the background tie-dye", options);

        Assert.NotNull(response);
        Assert.NotEmpty(response.Contents);
        Assert.Single(response.Contents);

        var content = response.Contents[0];
        Assert.IsType<DataContent>(content);
        var dataContent = (DataContent)content;
        Assert.False(dataContent.Data.IsEmpty);
        Assert.StartsWith("image/", dataContent.MediaType, StringComparison.Ordinal);
    }

    private static byte[] GetImageData(string fileName)
    {
        using Stream? s = typeof(ImageGeneratorIntegrationTests).Assembly.GetManifestResourceStream($"Microsoft.Extensions.AI.Resources.{fileName}");
        Assert.NotNull(s);
        using MemoryStream ms = new();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    [MemberNotNull(nameof(_generator))]
    protected void SkipIfNotEnabled()
    {
        // PIKUMO: upstream: string? skipIntegration = TestRunnerConfiguration.Instance["SkipIntegrationTests"];
        // PIKUMO: upstream: Assert.SkipUnless(skipIntegration is null && _generator is not null, "Generator is not enabled.");
        Assert.NotNull(_generator); // PIKUMO: always enabled on the simulator; no test is skipped in this repository
    }
}
