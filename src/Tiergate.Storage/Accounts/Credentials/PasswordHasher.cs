using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace Tiergate.Storage.Accounts.Credentials;

/// <summary>
/// Argon2id at OWASP's Password Storage Cheat Sheet parameters (m = 19 MiB, t = 2, p = 1), with a
/// 16-byte random salt and a 32-byte tag. The encoded form carries its parameters, so stored hashes
/// stay verifiable after the defaults change (<see cref="NeedsRehash"/>).
/// </summary>
public sealed class PasswordHasher
{
    public const int DefaultMemoryKib = 19 * 1024;
    public const int DefaultIterations = 2;
    public const int DefaultParallelism = 1;
    private const int SaltBytes = 16;
    private const int TagBytes = 32;
    private const string Prefix = "argon2id";

    private readonly int _memoryKib;
    private readonly int _iterations;
    private readonly int _parallelism;
    private readonly Lazy<string> _dummy;

    public PasswordHasher(int memoryKib = DefaultMemoryKib, int iterations = DefaultIterations, int parallelism = DefaultParallelism)
    {
        _memoryKib = memoryKib;
        _iterations = iterations;
        _parallelism = parallelism;
        _dummy = new Lazy<string>(() => Hash("not-a-password-" + Guid.NewGuid().ToString("N")));
    }

    public static PasswordHasher Default { get; } = new();

    /// <summary><c>argon2id$v=19$m=19456,t=2,p=1$salt$tag</c> (base64).</summary>
    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var tag = Compute(password, salt, _memoryKib, _iterations, _parallelism, TagBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}$v=19$m={_memoryKib},t={_iterations},p={_parallelism}${Convert.ToBase64String(salt)}${Convert.ToBase64String(tag)}");
    }

    /// <summary>True when <paramref name="password"/> matches; false for any malformed hash. Compares in constant time.</summary>
    public bool Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(encoded, out var m, out var t, out var p, out var salt, out var expected))
        {
            return false;
        }

        var actual = Compute(password, salt, m, t, p, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// Spends the same work as a real verification and answers false: for sign-in attempts on unknown
    /// emails, so response time does not tell whether an address is registered.
    /// </summary>
    public bool VerifyDummy(string password)
    {
        _ = Verify(password, _dummy.Value);
        return false;
    }

    public bool NeedsRehash(string encoded) =>
        !TryParse(encoded, out var m, out var t, out var p, out _, out _) || m != _memoryKib || t != _iterations || p != _parallelism;

    private static byte[] Compute(string password, byte[] salt, int memoryKib, int iterations, int parallelism, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKib,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon.GetBytes(length);
    }

    private static bool TryParse(string encoded, out int memoryKib, out int iterations, out int parallelism, out byte[] salt, out byte[] tag)
    {
        memoryKib = iterations = parallelism = 0;
        salt = tag = [];
        var parts = encoded?.Split('$');
        if (parts is not { Length: 5 } || parts[0] != Prefix || parts[1] != "v=19")
        {
            return false;
        }

        foreach (var setting in parts[2].Split(','))
        {
            var pair = setting.Split('=');
            if (pair.Length != 2 || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                return false;
            }

            switch (pair[0])
            {
                case "m": memoryKib = value; break;
                case "t": iterations = value; break;
                case "p": parallelism = value; break;
                default: return false;
            }
        }

        if (memoryKib is < 8 or > 1024 * 1024 || iterations is > 100 || parallelism is > 16 || iterations == 0 || parallelism == 0)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[3]);
            tag = Convert.FromBase64String(parts[4]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && tag.Length >= 16;
    }
}
