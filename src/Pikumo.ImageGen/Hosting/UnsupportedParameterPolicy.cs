namespace Pikumo.ImageGen;

/// <summary>What to do with a parameter the model or provider does not take (for example <c>input_fidelity</c> on gpt-image-1-mini).</summary>
public enum UnsupportedParameterPolicy
{
    /// <summary>Refuse the call with an <see cref="ArgumentException"/> naming the parameter (the default).</summary>
    Throw,

    /// <summary>
    /// Leave the parameter off the wire, log a warning and list it in <see cref="ImageResult.OmittedParameters"/>.
    /// Values out of range are still refused.
    /// </summary>
    Omit,
}
