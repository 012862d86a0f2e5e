using System.CommandLine;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// One sample as the command line sees it: its name, what it does, how many paid calls it makes on a real provider,
/// its own options, and the code that runs it. A sample adds an option by listing it in <see cref="Options"/> and
/// reading it from the <see cref="ParseResult"/> its <see cref="RunAsync"/> gets.
/// </summary>
public sealed class SampleDefinition
{
    /// <summary>The command name (<c>storyboard</c>).</summary>
    public required string Name { get; init; }

    /// <summary>One line for <c>--help</c>.</summary>
    public required string Description { get; init; }

    /// <summary>How many paid calls a run makes on a real provider; more than one needs <c>--yes</c>.</summary>
    public int PaidCalls { get; init; } = 1;

    /// <summary>
    /// Whether <see cref="PaidCalls"/> is a ceiling rather than a count: a sample that re-rolls rejected frames pays
    /// for a re-roll only when a frame is rejected, so <c>--help</c> says "up to".
    /// </summary>
    public bool PaidCallsAreAtMost { get; init; }

    /// <summary>
    /// How many paid calls this command line makes, when its own options change that (<c>modes --report --providers
    /// openai,fal</c>); <see langword="null"/>: <see cref="PaidCalls"/>.
    /// </summary>
    public Func<ParseResult, int>? PaidCallsFor { get; init; }

    /// <summary>
    /// The real providers this command line would call, when its own options name them; <see langword="null"/>: the
    /// context's <see cref="SampleContext.LiveProvider"/>.
    /// </summary>
    public Func<SampleContext, ParseResult, IReadOnlyList<SampleProvider>>? LiveProvidersFor { get; init; }

    /// <summary>
    /// Whether the sample itself stops before its paid calls without <see cref="SampleContext.Confirmed"/> (the
    /// sequence sample prints its free plan first); otherwise the command line refuses the whole run.
    /// </summary>
    public bool ConfirmsItself { get; init; }

    /// <summary>The sample's own options, beside the common ones.</summary>
    public IReadOnlyList<Option> Options { get; init; } = [];

    /// <summary>Runs the sample; returns the exit code.</summary>
    public required Func<SampleContext, ParseResult, CancellationToken, Task<int>> RunAsync { get; init; }
}
