using System.Net;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;
using Pikumo.ImageGen.Transports.Azure;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary>Azure OpenAI's two routes and two auth modes through the library's client and the simulator.</summary>
public sealed class AzureSimulatorTests
{
    public static TheoryData<Wire, AzureOpenAIRoute, bool> RoutesAndAuth()
    {
        var data = new TheoryData<Wire, AzureOpenAIRoute, bool>();
        foreach (var wire in new[] { Wire.InProcess, Wire.Loopback })
        {
            foreach (var route in new[] { AzureOpenAIRoute.V1, AzureOpenAIRoute.Deployment })
            {
                data.Add(wire, route, false);
                data.Add(wire, route, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesAndAuth))]
    public async Task EditAsync_EachRouteAndAuthMode_ReachesTheRightPathAndReturnsImages(Wire wire, AzureOpenAIRoute route, bool entraToken)
    {
        var simulatorOptions = new SimulatorOptions { LatencyScale = 0 };
        await using var harness = await SimulatorHarness.StartAsync(wire, ImageProvider.AzureOpenAI, o =>
        {
            o.Azure.Route = route;
            if (entraToken)
            {
                o.Azure.TokenProvider = _ => ValueTask.FromResult(new AzureAccessToken(simulatorOptions.AzureAccessToken, DateTimeOffset.UtcNow.AddHours(1)));
            }
        }, simulatorOptions);

        var result = await harness.Client.EditAsync(
            new ImageEditRequest("the subject reads in a cafe", ImageInput.FromBytes(TestImages.Png(40, 40))) { Size = ImageSize.Portrait1024x1536, Quality = ImageQuality.Low },
            TestContext.Current.CancellationToken);

        PngAssert.Valid(Assert.Single(result.Images).Data, 1024, 1536);
        var request = Assert.Single(harness.Recorder);
        Assert.Equal(SimulatorRoute.AzureEdits, request.Route);
        Assert.Equal("gpt-image-2", request.Model);
        Assert.Equal("gpt-image-2", request.Deployment);
        if (route == AzureOpenAIRoute.V1)
        {
            Assert.Equal("/openai/v1/images/edits", request.Path);
            Assert.Equal("gpt-image-2", request.Fields["model"]);
        }
        else
        {
            Assert.Equal("/openai/deployments/gpt-image-2/images/edits", request.Path);
            Assert.Equal(AzureOpenAIProviderOptions.DefaultDeploymentApiVersion, request.ApiVersion);
            Assert.False(request.Fields.ContainsKey("model"));
        }

        Assert.Equal(entraToken, request.Headers.ContainsKey("Authorization"));
        Assert.Equal(!entraToken, request.Headers.ContainsKey("api-key"));
        Assert.True(Guid.TryParse(result.RequestId, out _), $"apim-request-id should be a GUID, was {result.RequestId}");
    }

    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task GenerateAsync_DeploymentRoute_ReturnsAnImage(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire, ImageProvider.AzureOpenAI, o => o.Azure.Route = AzureOpenAIRoute.Deployment);

        var result = await harness.Client.GenerateAsync(new ImageGenerateRequest { Prompt = "a red kite", Size = ImageSize.Landscape1536x1024 }, TestContext.Current.CancellationToken);

        PngAssert.Valid(Assert.Single(result.Images).Data, 1536, 1024);
        Assert.Equal("/openai/deployments/gpt-image-2/images/generations", harness.Recorder.Last!.Path);
    }

    [Theory]
    [InlineData("2024-10-21")]
    [InlineData("2025-03-01-preview")]
    [InlineData(null)]
    public async Task DeploymentRoute_ApiVersionMissingOrOlderThanEdits_Answers404ResourceNotFound(string? apiVersion)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var http = simulator.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "openai/deployments/gpt-image-2/images/generations" + (apiVersion is null ? string.Empty : "?api-version=" + apiVersion))
        {
            Content = new StringContent("""{"prompt":"x"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("api-key", simulator.Options.AzureApiKey);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"error":{"code":"404","message":"Resource not found"}}""", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(response.Headers.Contains("apim-request-id"));
    }

    [Fact]
    public async Task EditAsync_EndpointWithAnExtraPathSegment_ThrowsInvalidRequestThatExplainsResourceNotFound()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, ImageProvider.AzureOpenAI, o => o.Azure.Endpoint = new Uri(ImageGenSimulator.DefaultBaseAddress, "openai/"));

        var error = await Assert.ThrowsAsync<ImageGenInvalidRequestException>(() => harness.Client.EditAsync(
            new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("Resource not found", error.Message, StringComparison.Ordinal);
        Assert.Equal("/openai/openai/v1/images/edits", harness.Recorder.Last!.Path);
        Assert.Equal(SimulatorRoute.Unknown, harness.Recorder.Last.Route);
    }

    [Theory]
    [InlineData(AzureOpenAIRoute.V1)]
    [InlineData(AzureOpenAIRoute.Deployment)]
    public async Task EditAsync_UnknownDeployment_ThrowsInvalidRequestWithDeploymentNotFound(AzureOpenAIRoute route)
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, ImageProvider.AzureOpenAI, o =>
        {
            o.Azure.Route = route;
            o.Azure.Deployment = "no-such-deployment";
            o.ModelAliases["no-such-deployment"] = "gpt-image-2";
        });

        var error = await Assert.ThrowsAsync<ImageGenInvalidRequestException>(() => harness.Client.EditAsync(
            new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("DeploymentNotFound", error.ErrorCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EditAsync_WrongCredential_ThrowsAuthenticationWith401(bool entraToken)
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, ImageProvider.AzureOpenAI, o =>
        {
            o.Azure.ApiKey = "wrong-key-0123456789";
            if (entraToken)
            {
                o.Azure.TokenProvider = _ => ValueTask.FromResult(new AzureAccessToken("expired-token-0123456789", DateTimeOffset.UtcNow.AddHours(1)));
            }
        });

        var error = await Assert.ThrowsAsync<ImageGenAuthenticationException>(() => harness.Client.EditAsync(
            new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("401", error.ErrorCode);
        Assert.DoesNotContain("wrong-key-0123456789", error.Message, StringComparison.Ordinal);
    }
}
