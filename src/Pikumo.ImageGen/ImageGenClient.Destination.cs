using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <content>Save as you decode: calls whose images go straight to a caller's destination instead of memory.</content>
public partial class ImageGenClient
{
    /// <summary>
    /// Edits reference images and writes each returned image to <paramref name="destination"/> while the answer is
    /// read (save as you decode): the base64 is decoded in slices straight into the destination, so the call holds no
    /// image in memory (OpenAI, Azure; on fal the downloaded images are written once they arrived). The result's images
    /// carry their format, size, length, SHA-256 and file (<see cref="GeneratedImage.SavedTo"/>), but no bytes.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="destination">Where the images go (<see cref="ImageDestination.ToFiles"/>, <see cref="ImageDestination.ToStreams"/>, <see cref="ImageDestination.ToBufferWriters"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The images as written, usage, cost, time and request id.</returns>
    /// <exception cref="ArgumentException">The request breaks a rule of the model, or the destination cannot take its images; nothing was sent.</exception>
    /// <exception cref="ImageGenException">The call failed; see the subclasses. Images completed before the failure stay in the destination.</exception>
    public virtual Task<ImageResult> EditAsync(ImageEditRequest request, ImageDestination destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        destination.Check(request.Count, nameof(destination));
        return RunToAsync(request, destination, cancellationToken);
    }

    /// <summary>Generates images from text and writes each to <paramref name="destination"/> while the answer is read (see <see cref="EditAsync(ImageEditRequest, ImageDestination, CancellationToken)"/>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="destination">Where the images go.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The images as written, usage, cost, time and request id.</returns>
    /// <exception cref="ArgumentException">The request breaks a rule of the model, or the destination cannot take its images; nothing was sent.</exception>
    /// <exception cref="ImageGenException">The call failed; see the subclasses. Images completed before the failure stay in the destination.</exception>
    public virtual Task<ImageResult> GenerateAsync(ImageGenerateRequest request, ImageDestination destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        destination.Check(request.Count, nameof(destination));
        return RunToAsync(request, destination, cancellationToken);
    }

    private async Task<ImageResult> RunToAsync(ImageRequest request, ImageDestination destination, CancellationToken cancellationToken)
    {
        ImageResult result;
        using (ImageDestinationScope.Enter(destination))
        {
            result = await RunAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (result.Images.All(i => i.IsWrittenToDestination))
        {
            return result;
        }

        // A transport that does not decode into the destination (fal's downloads, a custom one): write what it held.
        var images = new List<GeneratedImage>(result.Images.Count);
        foreach (var image in result.Images)
        {
            if (image.IsWrittenToDestination)
            {
                images.Add(image);
                continue;
            }

            var sink = destination.Open(image.Index);
            await using (sink.ConfigureAwait(false))
            {
                await sink.WriteAsync(image.Data, cancellationToken).ConfigureAwait(false);
                var path = await sink.CompleteAsync(image.Format, cancellationToken).ConfigureAwait(false);
                images.Add(new GeneratedImage(image.Index, image.Header, image.Data.Length, Sha256Hex.Of(image.Data.Span), path, image.RevisedPrompt));
            }
        }

        return new ImageResult(result) { Images = images };
    }
}
