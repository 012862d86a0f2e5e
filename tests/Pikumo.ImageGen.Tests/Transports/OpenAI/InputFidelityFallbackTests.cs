using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Transports.OpenAI;

/// <summary>
/// gpt-image-2 has been reported to answer 400 invalid_input_fidelity_model: the client leaves the field off, sends once
/// more (a 400 is not billed), remembers it for the client and model, logs a warning and lists it on the result.
/// </summary>
public sealed class InputFidelityFallbackTests
{
    private static ImageEditRequest Edit() => new("x", ImageInput.FromBytes(TestImages.Png())) { InputFidelity = InputFidelity.High };

    private static Task<LoopbackServer> RefusingServerAsync(RequestLog log, string refusal) => LoopbackServer.StartAsync(async c =>
    {
        var request = await ReceivedRequest.ReadAsync(c.Request);
        log.Add(request);
        await (request.Fields.ContainsKey("input_fidelity")
            ? OpenAIResponses.WriteAsync(c, refusal, 400)
            : OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()])));
    });

    public static TheoryData<string> Refusals() =>
    [
        OpenAIResponses.Error("Input fidelity is not supported for this model.", "invalid_request_error", "invalid_input_fidelity_model"),
        OpenAIResponses.Error("Invalid value.", "invalid_request_error", "invalid_value", "input_fidelity"),
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task EditAsync_ProviderRefusesInputFidelity_SendsOnceMoreWithoutIt_AndRemembers(string refusal)
    {
        var log = new RequestLog();
        await using var server = await RefusingServerAsync(log, refusal);
        var logs = new CapturingLoggerProvider();
        var options = new ImageGenOptions { UseEnvironmentVariables = false };
        options.OpenAI.ApiKey = Clients.ApiKey;
        options.OpenAI.BaseAddress = new Uri(server.Address, "v1/");
        using var client = new ImageGenClient(options, loggerFactory: logs);

        var first = await client.EditAsync(Edit(), TestContext.Current.CancellationToken);

        Assert.Single(first.Images);
        Assert.Equal(2, log.Requests.Count);
        Assert.Equal("high", log.Requests[0].Fields["input_fidelity"]);
        Assert.False(log.Requests[1].Fields.ContainsKey("input_fidelity"));
        Assert.Contains(first.Warnings, w => w.Contains("input_fidelity", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("input_fidelity", StringComparison.Ordinal));

        var second = await client.EditAsync(Edit(), TestContext.Current.CancellationToken);

        Assert.Equal(3, log.Requests.Count); // remembered: one call, without the field
        Assert.False(log.Requests[2].Fields.ContainsKey("input_fidelity"));
        Assert.Contains(second.Warnings, w => w.Contains("input_fidelity", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditAsync_OptedOut_ThrowsTheRefusal()
    {
        var log = new RequestLog();
        await using var server = await RefusingServerAsync(log, OpenAIResponses.Error("Input fidelity is not supported for this model.", "invalid_request_error", "invalid_input_fidelity_model"));
        using var client = Clients.OpenAI(server.Address, o => o.RetryWithoutRefusedInputFidelity = false);

        var error = await Assert.ThrowsAsync<ImageGenInvalidRequestException>(() => client.EditAsync(Edit(), TestContext.Current.CancellationToken));

        Assert.Equal("invalid_input_fidelity_model", error.ErrorCode);
        Assert.Single(log.Requests);
    }

    [Fact]
    public async Task EditAsync_OtherBadRequest_IsNotResent()
    {
        var log = new RequestLog();
        await using var server = await RefusingServerAsync(log, OpenAIResponses.Error("Invalid size.", "invalid_request_error", "invalid_value", "size"));
        using var client = Clients.OpenAI(server.Address);

        await Assert.ThrowsAsync<ImageGenInvalidRequestException>(() => client.EditAsync(Edit(), TestContext.Current.CancellationToken));

        Assert.Single(log.Requests);
    }
}
