namespace Pikumo.ImageGen.Transports.OpenAI;

/// <summary>Settings for the OpenAI provider.</summary>
public sealed class OpenAIProviderOptions : ICopyableOptions
{
    /// <summary>The default API base address.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.openai.com/v1/");

    /// <summary>The API key, sent as <c>Authorization: Bearer</c>. Falls back to <c>OPENAI_API_KEY</c>. Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API base address; requests go to <c>{BaseAddress}images/edits</c>.</summary>
    /// <value>Default <c>https://api.openai.com/v1/</c>.</value>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>Hosts whose image URLs (an answer with only <c>url</c>) are downloaded without the https and public-address rules: tests and simulators.</summary>
    internal IList<string> TrustedDownloadHosts { get; private set; } = [];

    /// <summary>Sent as <c>OpenAI-Organization</c> when set.</summary>
    public string? Organization { get; set; }

    /// <summary>Sent as <c>OpenAI-Project</c> when set.</summary>
    public string? Project { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"OpenAI {{ BaseAddress = {Secrets.Address(BaseAddress)}, ApiKey = {Secrets.Describe(ApiKey)}, Organization = {Organization}, Project = {Project} }}";

    /// <inheritdoc />
    object ICopyableOptions.CopyOptions()
    {
        var copy = (OpenAIProviderOptions)MemberwiseClone();
        copy.TrustedDownloadHosts = [.. TrustedDownloadHosts];
        return copy;
    }
}
