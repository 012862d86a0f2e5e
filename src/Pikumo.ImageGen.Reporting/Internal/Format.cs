using System.Globalization;

namespace Pikumo.ImageGen.Reporting.Internal;

/// <summary>Numbers as the pages print them (invariant culture), and as their <c>data-*</c> attributes carry them.</summary>
internal static class Format
{
    public static string Usd(decimal? usd) => usd is { } value ? "$" + value.ToString("0.000#", CultureInfo.InvariantCulture) : "–";

    public static string Raw(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Raw(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan time) =>
        time.TotalSeconds.ToString(time.TotalSeconds >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + " s";

    public static string Percent(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Diff(decimal planned, decimal actual, Func<decimal, string> format)
    {
        var delta = actual - planned;
        var sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
        var percent = planned != 0 ? string.Create(CultureInfo.InvariantCulture, $" ({delta / planned * 100:+0.#;−0.#;0}%)") : string.Empty;
        return sign + format(Math.Abs(delta)) + percent;
    }

    /// <summary>The beat of a manifest key (<c>beat | setting | time of day | framing</c>) and the rest of it.</summary>
    public static (string Beat, string Details) SplitKey(string text)
    {
        var parts = text.Split(" | ");
        return (parts[0], string.Join(" · ", parts.Skip(1).Where(p => !string.IsNullOrWhiteSpace(p))));
    }

    /// <summary>A CSS class name for a state (letters, digits and dashes only).</summary>
    public static string StateClass(Sequences.SequenceEntryState state) =>
        "state-" + new string([.. StateName(state).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);

    /// <summary>The state as the page shows it (the manifest's own words).</summary>
    public static string StateName(Sequences.SequenceEntryState state) => state switch
    {
        Sequences.SequenceEntryState.InFlight => "in_flight",
        Sequences.SequenceEntryState.Answered => "answered",
        Sequences.SequenceEntryState.Done => "done",
        Sequences.SequenceEntryState.Failed => "failed",
        _ => "unknown",
    };

    /// <summary>The tier as the page shows it.</summary>
    public static string TierName(Sequences.SequenceTier tier) => tier == Sequences.SequenceTier.Preview ? "preview" : "final";
}
