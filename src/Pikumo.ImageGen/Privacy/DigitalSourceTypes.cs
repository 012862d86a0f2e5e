namespace Pikumo.ImageGen.Privacy;

/// <summary>
/// Terms of IPTC's Digital Source Type vocabulary (<c>http://cv.iptc.org/newscodes/digitalsourcetype/</c>) that
/// describe what this library makes. Written as <c>Iptc4xmpExt:DigitalSourceType</c> in derived images' XMP.
/// </summary>
public static class DigitalSourceTypes
{
    /// <summary>
    /// <c>trainedAlgorithmicMedia</c>: made by a model trained on sampled content. What the provider's images are,
    /// and what a frame cut from a composite or a scaled thumbnail still is: every pixel is model output, and cropping
    /// or scaling adds no other media.
    /// </summary>
    public const string TrainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

    /// <summary>
    /// <c>compositeWithTrainedAlgorithmicMedia</c>: trained algorithmic media composited with other media. What a
    /// contact sheet is: several generated frames laid out with captions and a background the library drew.
    /// </summary>
    public const string CompositeWithTrainedAlgorithmicMedia = "http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia";
}
