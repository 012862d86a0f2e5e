namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>A request as either front end (the in-process handler or the loopback server) hands it to the engine.</summary>
internal sealed class SimulatorRequest
{
    public required string Method { get; init; }

    public required Uri Uri { get; init; }

    /// <summary>Request and content headers, names case-insensitive, several values joined with <c>, </c>.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required byte[] Body { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The scheme and authority requests came in on: the base of every URL the simulator hands out.</summary>
    public Uri Origin => new(Uri.GetLeftPart(UriPartial.Authority) + "/");
}
