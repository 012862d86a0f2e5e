namespace Pikumo.ImageGen;

/// <summary>One field-level validation error (fal's 422 <c>detail[]</c> entries).</summary>
/// <param name="Field">The field path, for example <c>image_urls.0</c>.</param>
/// <param name="Message">The human-readable message.</param>
/// <param name="Type">The machine-readable type, for example <c>image_too_large</c>.</param>
public sealed record ProviderFieldError(string Field, string Message, string? Type);
