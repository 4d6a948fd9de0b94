using Tiergate.Core.Keys;

namespace Tiergate.Storage.Secrets;

/// <summary>
/// One server secret: random bytes, base64 in an environment variable or in a file. The names are a
/// public contract (deployments set them); <see cref="ServerSecret"/> applies one set of rules to all.
/// </summary>
/// <param name="Description">What it is, for messages ("key-encryption key").</param>
/// <param name="EnvironmentVariable">Overrides every file when set (blank is an error, not "unset").</param>
/// <param name="FileName">The file under <c>DATA/secrets/</c> used when neither the variable nor an explicit file is given.</param>
/// <param name="Length">Bytes required.</param>
/// <param name="ExactLength">True: exactly <paramref name="Length"/> bytes (a key); false: at least (an HMAC key).</param>
public sealed record SecretSource(string Description, string EnvironmentVariable, string FileName, int Length, bool ExactLength)
{
    /// <summary>HMAC key under which API keys are stored.</summary>
    public static SecretSource Pepper { get; } = new("API key pepper", "TIERGATE_PEPPER", "pepper", ApiKeyHasher.PepperLength, ExactLength: false);

    /// <summary>Wraps the data keys that encrypt personal data.</summary>
    public static SecretSource KeyEncryptionKey { get; } = new("key-encryption key", Crypto.KeyEncryptionKey.EnvironmentVariable, "kek", Crypto.KeyEncryptionKey.Length, ExactLength: true);

    /// <summary>The Ed25519 seed that signs audit checkpoints.</summary>
    public static SecretSource AuditSigningKey { get; } = new("audit signing key", Audit.AuditSigningKey.EnvironmentVariable, "audit-signing.key", Audit.AuditSigningKey.SeedLength, ExactLength: true);

    /// <summary>Every server secret, for documentation and tests.</summary>
    public static IReadOnlyList<SecretSource> All { get; } = [Pepper, KeyEncryptionKey, AuditSigningKey];

    /// <summary>"exactly 32 bytes" or "at least 32 bytes".</summary>
    public string LengthRule => ExactLength ? $"exactly {Length} bytes" : $"at least {Length} bytes";

    public string DefaultPath(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return Path.Combine(storage.DataDirectory, "secrets", FileName);
    }

    public bool HasValidLength(int length) => ExactLength ? length == Length : length >= Length;
}
