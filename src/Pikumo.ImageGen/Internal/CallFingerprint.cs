namespace Pikumo.ImageGen.Internal;

/// <summary>
/// What identifies a paid call in a provider's request history without storing its content: the SHA-256 of the wire
/// prompt followed by the SHA-256 of each input image, in order. The sequence journal records it before the call; a
/// transport computes it from the history's stored input. Images count, not only the prompt: a story app sends the
/// same template prompt with many people's photos, and a lost submission must only ever be matched with its own.
/// </summary>
internal static class CallFingerprint
{
    /// <summary>The fingerprint of a prompt and the SHA-256 hashes of its images.</summary>
    public static string Of(string prompt, IEnumerable<string> imageSha256s) =>
        Sha256Hex.Of(prompt + "\n" + string.Join("\n", imageSha256s));

    /// <summary>
    /// The fingerprint of a request as the runner is about to send it; <see langword="null"/> when an image can only be
    /// read once (a stream), so it cannot be hashed ahead of the call.
    /// </summary>
    public static async Task<string?> OfAsync(string? wirePrompt, IReadOnlyList<ImageInput> images, CancellationToken cancellationToken)
    {
        if (wirePrompt is null)
        {
            return null;
        }

        var hashes = new List<string>(images.Count);
        foreach (var image in images)
        {
            switch (image.Kind)
            {
                case ImageInputKind.Bytes:
                    hashes.Add(Sha256Hex.Of(image.Bytes.Span));
                    break;
                case ImageInputKind.File:
                    hashes.Add(Sha256Hex.Of(await File.ReadAllBytesAsync(image.FilePath!, cancellationToken).ConfigureAwait(false)));
                    break;
                default:
                    return null;
            }
        }

        return Of(wirePrompt, hashes);
    }
}
