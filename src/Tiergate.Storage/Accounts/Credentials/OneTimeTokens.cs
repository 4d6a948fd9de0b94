using System.Security.Cryptography;
using System.Text;

namespace Tiergate.Storage.Accounts.Credentials;

/// <summary>Random tokens for links and session handles (256 bits, base64url) and the hash stored in their place.</summary>
public static class OneTimeTokens
{
    public const int MaxTokenLength = 64;

    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
