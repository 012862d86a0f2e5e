using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Samples.Snippets;

/// <summary>The code docs/sequences.md shows about resuming runs that were stopped; compiled here, quoted there (checked by a test). Not run.</summary>
internal static class SequenceJournalSnippets
{
    public static async Task ResumeAsync(SequenceRunner runner, SequenceRequest story, string folder, CancellationToken cancellationToken)
    {
        #region sequence-resume
        var request = story with
        {
            UnknownOutcomes = UnknownOutcomePolicy.Skip,   // the default: never pay twice without being asked
            BudgetUsd = 5.00m,                             // start no call whose estimate would pass what is left
            FrameAttempts = 2,                             // retries only failures that surely did not run
        };
        SequenceRunResult result = await runner.RunToEndAsync(request, SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder }, cancellationToken);

        Console.WriteLine($"{result.Recovered} frame(s) recovered from a stopped run without a new call");
        foreach (var frame in result.OutcomeUnknown)
        {
            Console.WriteLine($"beat {frame.BeatIndex + 1}: {frame.Error}");   // may have been billed; no image
        }

        if (result.OutcomeUnknown.Count > 0)
        {
            // Your decision: make them again, knowing each may be paid twice (counted in PossiblyBilledTwice).
            result = await runner.RunToEndAsync(request with { UnknownOutcomes = UnknownOutcomePolicy.Regenerate },
                SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder }, cancellationToken);
            Console.WriteLine($"{result.PossiblyBilledTwice} call(s) possibly billed twice");
        }

        Console.WriteLine($"left for the budget: {string.Join(", ", result.LeftForBudget.Select(b => b + 1))}");
        #endregion
    }
}
