namespace Pikumo.ImageGen.Internal;

/// <summary>
/// The destination of the call running in this async flow (<see cref="ImageGenClient.EditAsync(ImageEditRequest, ImageDestination, CancellationToken)"/>),
/// read by <see cref="Transports.HttpImageTransport"/> when it reads an images answer, so the transport API stays as it is.
/// </summary>
internal static class ImageDestinationScope
{
    private static readonly AsyncLocal<ImageDestination?> Ambient = new();

    public static ImageDestination? Current => Ambient.Value;

    /// <summary>Sets the destination until the scope is disposed.</summary>
    public static Scope Enter(ImageDestination? destination)
    {
        var previous = Ambient.Value;
        Ambient.Value = destination;
        return new Scope(previous);
    }

    /// <summary>Restores the destination of the enclosing flow.</summary>
    public readonly struct Scope(ImageDestination? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
