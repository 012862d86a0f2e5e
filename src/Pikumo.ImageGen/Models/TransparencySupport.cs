namespace Pikumo.ImageGen;

/// <summary>Whether a model can render a transparent background.</summary>
public enum TransparencySupport
{
    /// <summary>Not supported: a transparent request is refused before the call.</summary>
    None,

    /// <summary>Documented as a preview (gpt-image-2): sent, logged as a warning, and a provider refusal surfaces as its own exception.</summary>
    Preview,

    /// <summary>Supported.</summary>
    Supported,
}
