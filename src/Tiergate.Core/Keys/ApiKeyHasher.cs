using System.Security.Cryptography;
using System.Text;

namespace Tiergate.Core.Keys;

/// <summary>
/// Keys are stored only as HMAC-SHA256 under a server-side pepper, so a copied database
/// yields nothing that authenticates; verification compares in constant time.
/// </summary>
public sealed class ApiKeyHasher
{
    public const int PepperLength = 32;
    private readonly byte[] _pepper;

    public ApiKeyHasher(ReadOnlySpan<byte> pepper)
    {
        if (pepper.Length < PepperLength)
        {
            throw new ArgumentException($"The pepper must be at least {PepperLength} bytes.", nameof(pepper));
        }

        _pepper = pepper.ToArray();
    }

    public byte[] Hash(ReadOnlySpan<char> key)
    {
        Span<byte> utf8 = stackalloc byte[ApiKeyFormat.Length * 2];
        var n = Encoding.UTF8.GetBytes(key, utf8);
        return HMACSHA256.HashData(_pepper, utf8[..n]);
    }

    public bool Verify(ReadOnlySpan<char> key, ReadOnlySpan<byte> storedHash)
    {
        Span<byte> utf8 = stackalloc byte[ApiKeyFormat.Length * 2];
        var n = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> actual = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_pepper, utf8[..n], actual);
        return CryptographicOperations.FixedTimeEquals(actual, storedHash);
    }
}
