using Microsoft.Extensions.Logging;

namespace Pikumo.ImageGen.Sequences;

/// <content>The runner's streaming event (id 49).</content>
internal static partial class SequenceLog
{
    [LoggerMessage(49, LogLevel.Warning, "Sequence final: {Provider} {Model} streams no partial images, so PartialImages = {PartialImages} is not used; frames are made with plain calls")]
    public static partial void NoPartialImages(ILogger logger, string provider, string model, int partialImages);
}
