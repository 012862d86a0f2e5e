namespace Pikumo.ImageGen;

/// <summary>
/// What the library puts on the <see cref="HttpRequestMessage.Options"/> of a paid call, for message handlers added to
/// an image client's pipeline (<c>AddPikumoImageGen(…).AddHttpMessageHandler(…)</c>): a cluster-wide quota, a
/// per-tenant meter, an images-per-minute limiter.
/// </summary>
public static class ImageGenHttpRequestOptions
{
    /// <summary>
    /// How many images the request asks the provider to make, each of which the provider bills and counts against an
    /// images-per-minute limit: <c>n</c> on OpenAI, Azure OpenAI and fal, 1 on Gemini (one call per image). Set on every
    /// request that makes images; absent on follow-ups (status polls, downloads, uploads).
    /// </summary>
    public static HttpRequestOptionsKey<int> Images { get; } = new("Pikumo.ImageGen.Images");
}
