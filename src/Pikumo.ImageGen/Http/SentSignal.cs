using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// One attempt series' "the request body went out completely" flag and the provider's id for the call, owned by the
/// transport that sends it. The request bodies raise it when their last byte is written; the transport reads it to
/// tell a failure before sending (safe to repeat) from one after (the outcome is unknown and may be billed).
/// It rides on <see cref="HttpRequestMessage.Options"/> under <see cref="Key"/>, so handlers can read it too.
/// </summary>
internal sealed class SentSignal
{
    public static readonly HttpRequestOptionsKey<SentSignal> Key = new("Pikumo.ImageGen.SentSignal");

    private int _sent;
    private string? _providerRequestId;

    /// <summary>Whether the body has been handed to the network completely at least once.</summary>
    public bool Sent => Volatile.Read(ref _sent) != 0;

    /// <summary>The provider's id for the call once it has one (fal's queue <c>request_id</c>).</summary>
    public string? ProviderRequestId => Volatile.Read(ref _providerRequestId);

    /// <summary>Records that the body went out, with the provider's id when it is known, and tells the observer of the call's flow.</summary>
    public void Raise(string? providerRequestId = null)
    {
        Volatile.Write(ref _sent, 1);
        if (providerRequestId is not null)
        {
            Volatile.Write(ref _providerRequestId, providerRequestId);
        }

        ImageCallObserver.Sent(providerRequestId);
    }
}

/// <summary>A request body that raises a <see cref="SentSignal"/> itself when its last byte is written.</summary>
internal interface IRaisesSentSignal
{
    /// <summary>The signal to raise; set by the transport before the body is sent.</summary>
    SentSignal? Signal { get; set; }
}
