using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen;

/// <summary>
/// <see cref="ImageProvider.Custom"/>: a transport the host builds itself through <see cref="ImageGenOptions.TransportFactory"/>,
/// without settings of its own. A provider with settings, configuration and validation is a registration of its own instead.
/// </summary>
internal static class CustomTransportProvider
{
    public static ImageProviderRegistration<CustomTransportSettings> Registration { get; } = new(nameof(ImageProvider.Custom), Create)
    {
        SectionName = "(custom transport)",
        Description = static (_, _) => "Custom transport",
    };

    private static ImageTransport Create(ImageProviderContext<CustomTransportSettings> context) =>
        context.Options.TransportFactory is { } factory
            ? factory(context.Services)
            : throw new NotSupportedException("Provider Custom needs ImageGenOptions.TransportFactory.");

    /// <summary>No settings: the factory is on <see cref="ImageGenOptions"/>.</summary>
    internal sealed class CustomTransportSettings;
}
