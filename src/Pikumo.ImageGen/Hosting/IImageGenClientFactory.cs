namespace Pikumo.ImageGen;

/// <summary>Gives the image client registered under a name (one per provider, side by side).</summary>
public interface IImageGenClientFactory
{
    /// <summary>The client registered with <c>AddPikumoImageGen(name, …)</c>; the same instance on every call.</summary>
    /// <param name="name">The name; empty for the default client.</param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">No client is registered under the name.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The client's options are invalid.</exception>
    ImageGenClient GetClient(string name);
}
