using System.Security.Cryptography;
using System.Text;

namespace Pikumo.ImageGen.Internal;

/// <summary>Lowercase hex SHA-256, the one spelling the journal, the manifest and provenance use.</summary>
internal static class Sha256Hex
{
    /// <summary>The hash of bytes.</summary>
    public static string Of(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>The hash of a text's UTF-8 bytes (a prompt as sent).</summary>
    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));
}
