using System.Security.Cryptography;

namespace Pikumo.ImageGen.Testing;

/// <summary>A final image the simulator answered with (partial images of a stream are not recorded), exactly as it sent it.</summary>
public sealed class SentImage
{
    internal SentImage(int requestIndex, int index, byte[] data)
    {
        RequestIndex = requestIndex;
        Index = index;
        Data = data;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(data));
    }

    /// <summary>The <see cref="RecordedRequest.Index"/> of the request whose answer carried it (for a fal queue job, the result request's).</summary>
    public int RequestIndex { get; }

    /// <summary>Its position in the answer, from 0.</summary>
    public int Index { get; }

    /// <summary>The bytes sent.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The SHA-256 of <see cref="Data"/>, lower-case hex.</summary>
    public string Sha256 { get; }

    /// <inheritdoc />
    public override string ToString() => $"#{RequestIndex} image {Index}: {Data.Length} bytes, sha256 {Sha256}";
}
