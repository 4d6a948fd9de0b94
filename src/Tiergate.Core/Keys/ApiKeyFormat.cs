using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Tiergate.Core.Keys;

/// <summary>
/// API keys look like <c>tg_</c> + 12-character id + 32-character secret + 6-character checksum,
/// all base62. The fixed prefix and the CRC32 checksum let secret scanners recognise a key and
/// reject look-alikes without a database (the scheme GitHub's tokens use).
/// </summary>
public static class ApiKeyFormat
{
    public const string Prefix = "tg_";
    public const int IdLength = 12;
    public const int SecretLength = 32;
    public const int ChecksumLength = 6;
    public const int Length = 3 + IdLength + SecretLength + ChecksumLength;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static (string Id, string Key) Generate()
    {
        var id = RandomNumberGenerator.GetString(Alphabet, IdLength);
        var secret = RandomNumberGenerator.GetString(Alphabet, SecretLength);
        var body = Prefix + id + secret;
        return (id, body + Checksum(body));
    }

    /// <summary>Extracts the key id when <paramref name="key"/> is well-formed and its checksum matches.</summary>
    public static bool TryParse(ReadOnlySpan<char> key, out string id)
    {
        id = "";
        if (key.Length != Length || !key.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in key[Prefix.Length..])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        var body = key[..^ChecksumLength];
        if (!key[^ChecksumLength..].SequenceEqual(Checksum(body)))
        {
            return false;
        }

        id = key.Slice(Prefix.Length, IdLength).ToString();
        return true;
    }

    public static bool IsKeyId(string id) => id.Length == IdLength && id.All(char.IsAsciiLetterOrDigit);

    private static string Checksum(ReadOnlySpan<char> body)
    {
        Span<byte> utf8 = stackalloc byte[Length];
        var n = Encoding.ASCII.GetBytes(body, utf8);
        var crc = Crc32.HashToUInt32(utf8[..n]);
        Span<char> digits = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            digits[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }

        return new string(digits);
    }
}
