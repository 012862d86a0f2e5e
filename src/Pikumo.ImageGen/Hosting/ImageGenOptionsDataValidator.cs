using Microsoft.Extensions.Options;

namespace Pikumo.ImageGen;

/// <summary>The attribute rules on <see cref="ImageGenOptions"/>, checked by a generated validator.</summary>
[OptionsValidator]
internal sealed partial class ImageGenOptionsDataValidator : IValidateOptions<ImageGenOptions>;
