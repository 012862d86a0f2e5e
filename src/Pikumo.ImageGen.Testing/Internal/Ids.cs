using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>Request ids derived from the seed and the request's index, so runs repeat exactly.</summary>
internal static class Ids
{
    public static string OpenAIRequestId(ulong seed, int index) => "req_" + Convert.ToHexStringLower(Bytes(seed, index, "openai"));

    public static string Guid(ulong seed, int index, string salt) => new Guid(Bytes(seed, index, salt)).ToString("D");

    private static byte[] Bytes(ulong seed, int index, string salt)
    {
        Span<byte> input = stackalloc byte[12 + Encoding.UTF8.GetMaxByteCount(salt.Length)];
        BinaryPrimitives.WriteUInt64LittleEndian(input, seed);
        BinaryPrimitives.WriteInt32LittleEndian(input[8..], index);
        var length = 12 + Encoding.UTF8.GetBytes(salt, input[12..]);
        return SHA256.HashData(input[..length])[..16];
    }
}
