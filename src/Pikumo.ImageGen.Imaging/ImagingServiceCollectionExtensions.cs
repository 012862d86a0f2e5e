using Microsoft.Extensions.DependencyInjection.Extensions;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Sequences;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Pikumo.ImageGen.Imaging.</summary>
public static class ImagingServiceCollectionExtensions
{
    /// <summary>Registers <see cref="SkiaCompositeSlicer"/> as the <see cref="ICompositeSlicer"/> sequences use for their preview tier.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPikumoImageGenImaging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ICompositeSlicer, SkiaCompositeSlicer>();
        return services;
    }
}
