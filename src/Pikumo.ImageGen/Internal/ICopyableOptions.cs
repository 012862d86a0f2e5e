namespace Pikumo.ImageGen;

/// <summary>
/// A settings object the client copies deeply when it takes its own copy of the options (see
/// <see cref="ImageGenOptions.Copy"/>). Implementations clone themselves member-wise and replace only their mutable
/// collections, so a field added to the settings is copied without another line. Settings of a host's own provider
/// that do not implement it are shared.
/// </summary>
internal interface ICopyableOptions
{
    /// <summary>A copy that shares nothing mutable with this instance.</summary>
    object CopyOptions();
}
