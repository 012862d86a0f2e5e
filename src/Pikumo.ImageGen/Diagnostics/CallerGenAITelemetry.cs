using System.Diagnostics;

namespace Pikumo.ImageGen.Diagnostics;

/// <summary>
/// Marks a call that already runs inside another layer's OpenTelemetry GenAI span — in practice Microsoft.Extensions.AI's
/// <c>UseOpenTelemetry()</c> around the <see cref="AI.PikumoImageGenerator"/>. Inside such a call the client does not
/// start a second <c>gen_ai</c> span nor record the <c>gen_ai.client.*</c> histograms a second time; it adds its own
/// facts (cost, request id, images) as <c>pikumo.imagegen.*</c> tags to the caller's span and keeps its
/// <c>pikumo.imagegen.*</c> counters, which no other layer records.
/// </summary>
internal static class CallerGenAITelemetry
{
    private static readonly AsyncLocal<Activity?> Outer = new();

    /// <summary>The caller's GenAI span, when the current call runs inside one.</summary>
    public static Activity? Span => Outer.Value is { IsStopped: false } span ? span : null;

    /// <summary>
    /// Within the returned scope, calls treat <paramref name="current"/> as the GenAI span when it is one another
    /// source started (it carries <c>gen_ai.operation.name</c>).
    /// </summary>
    public static Scope Enter(Activity? current) =>
        current is not null && current.Source.Name != ImageGenTelemetry.SourceName && current.GetTagItem("gen_ai.operation.name") is not null
            ? new Scope(current)
            : default;

    /// <summary>Restores the previous state.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly bool _entered;
        private readonly Activity? _previous;

        public Scope(Activity span)
        {
            _entered = true;
            _previous = Outer.Value;
            Outer.Value = span;
        }

        public void Dispose()
        {
            if (_entered)
            {
                Outer.Value = _previous;
            }
        }
    }
}
