using System.Collections.Concurrent;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen;

/// <summary>
/// gpt-image-2 has been reported to answer <c>400 invalid_input_fidelity_model</c> although the spec lists
/// <c>input_fidelity</c>: such a 400 (not billed) makes the client leave the field off, send once more and remember it
/// for the model (<see cref="ImageGenOptions.RetryWithoutRefusedInputFidelity"/>).
/// </summary>
public partial class ImageGenClient
{
    private readonly ConcurrentDictionary<string, string> _refusedInputFidelity = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Sends the call; a 400 naming <c>input_fidelity</c> is answered by sending once more without it.</summary>
    private async Task<(ImageResult Result, ImageTransportRequest Call)> SendAsync(ImageTransportRequest call, List<string> warnings, CancellationToken cancellationToken)
    {
        try
        {
            return (await _transport.SendAsync(call, cancellationToken).ConfigureAwait(false), call);
        }
        catch (ImageGenInvalidRequestException ex) when (RefusesInputFidelity(ex, call))
        {
            var reason = $"400 {ex.ErrorCode ?? ex.Parameter ?? "naming input_fidelity"}";
            _refusedInputFidelity[call.Model] = reason;
            var warning = $"{_transport.ProviderName} refused input_fidelity for {call.Model} ({reason}); it was left off and the call sent once more (a 400 is not billed). Later calls of this client with {call.Model} leave it off.";
            warnings.Add(warning);
            Log.CallWarning(_logger, call.Model, warning);
            var again = call.WithoutInputFidelity();
            return (await _transport.SendAsync(again, cancellationToken).ConfigureAwait(false), again);
        }
    }

    /// <summary>Leaves <c>input_fidelity</c> off a call whose model refused it before on this client.</summary>
    private ImageTransportRequest LeaveOffRefusedInputFidelity(ImageTransportRequest call, List<string> warnings)
    {
        if (call.InputFidelity is null || !_options.RetryWithoutRefusedInputFidelity || !_refusedInputFidelity.TryGetValue(call.Model, out var reason))
        {
            return call;
        }

        warnings.Add($"input_fidelity was left off: {_transport.ProviderName} refused it for {call.Model} earlier ({reason}).");
        return call.WithoutInputFidelity();
    }

    private bool RefusesInputFidelity(ImageGenInvalidRequestException error, ImageTransportRequest call) =>
        _options.RetryWithoutRefusedInputFidelity
        && call.InputFidelity is not null
        && call.CanResend
        && error.StatusCode == System.Net.HttpStatusCode.BadRequest
        && (Names(error.ErrorCode) || Names(error.Parameter) || Names(error.Details.Message) || error.Details.FieldErrors.Any(f => Names(f.Field)));

    private static bool Names(string? text) => text?.Contains("input_fidelity", StringComparison.OrdinalIgnoreCase) == true;
}
