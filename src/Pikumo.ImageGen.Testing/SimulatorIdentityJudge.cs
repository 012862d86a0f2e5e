using System.Globalization;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Testing.Imaging;

namespace Pikumo.ImageGen.Testing;

/// <summary>
/// The offline stand-in for a face-similarity judge: it scores each frame with the identity score the simulator wrote
/// into it (<see cref="SimulatedIdentity"/>, on when <see cref="SimulatorOptions.DriftShare"/> is above 0) and rejects
/// the frames the simulator made drift; a panel cut from a composite, whose score did not survive the cut, is judged by
/// the drift band across its top (<see cref="SimulatedIdentity.TryReadBand"/>). Use it in tests and samples where a real judge would call a similarity service.
/// </summary>
public sealed class SimulatorIdentityJudge : IFrameJudge
{
    /// <inheritdoc />
    public string Name => "simulator-identity";

    /// <summary>Whether a drifted frame is rejected (with its score); otherwise it is only scored low.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RejectDrift { get; init; } = true;

    /// <inheritdoc />
    public ValueTask<FrameJudgement> JudgeAsync(FrameJudgingContext context, CancellationToken cancellationToken)
    {
        if (!SimulatedIdentity.TryRead(context.Image.Data.Span, out var score, out var drifted))
        {
            // A panel cut from a composite loses the score chunk but keeps the drift band its panel was drawn with.
            return ValueTask.FromResult(!SimulatedIdentity.TryReadBand(context.Image.Data.Span, out var banded)
                ? FrameJudgement.Accept("no simulated identity score (set SimulatorOptions.DriftShare)")
                : !banded ? FrameJudgement.Accept("no drift band (no identity score either: a panel cut from a composite, or SimulatorOptions.DriftShare is 0)")
                : RejectDrift ? FrameJudgement.Reject("identity drift (the simulator's drift band)") : FrameJudgement.Scored(0.3, "identity drift (the simulator's drift band)"));
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"identity similarity {score:0.000}");
        return ValueTask.FromResult(drifted && RejectDrift
            ? FrameJudgement.Reject($"identity drift ({text})") with { Score = score }
            : FrameJudgement.Scored(score, drifted ? $"identity drift ({text})" : text));
    }
}
