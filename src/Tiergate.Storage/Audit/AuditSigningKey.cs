using NSec.Cryptography;
using Tiergate.Storage.Crypto;
using Tiergate.Storage.Secrets;

namespace Tiergate.Storage.Audit;

/// <summary>
/// The Ed25519 key that signs checkpoints. Comes from <c>TIERGATE_AUDIT_SIGNING_KEY</c> (base64 of a
/// 32-byte seed) or from <c>DATA_DIR/secrets/audit-signing.key</c> (created, mode 0600, when absent).
/// The public half is written next to the data as <c>DATA_DIR/audit-signing.pub</c> for verifiers.
/// </summary>
public sealed class AuditSigningKey : IDisposable
{
    public const string EnvironmentVariable = "TIERGATE_AUDIT_SIGNING_KEY";
    public const int SeedLength = 32;

    private readonly Key _key;

    private AuditSigningKey(Key key)
    {
        _key = key;
        VerificationKey = AuditVerificationKey.FromRaw(key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public AuditVerificationKey VerificationKey { get; }

    public string KeyId => VerificationKey.KeyId;

    public static string KeyPath(StorageOptions storage) => SecretSource.AuditSigningKey.DefaultPath(storage);

    public static string PublicKeyPath(StorageOptions storage) => Path.Combine(storage.DataDirectory, "audit-signing.pub");

    public static AuditSigningKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
        {
            throw new CryptographicSetupException($"the audit signing key must be {SeedLength} bytes, got {seed.Length}");
        }

        return new AuditSigningKey(Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey));
    }

    /// <summary>Uses the environment variable when set, else the key file, creating it on first use (<see cref="ServerSecret"/>'s rule).</summary>
    public static AuditSigningKey LoadOrCreate(StorageOptions storage, Func<string, string?>? environment = null)
    {
        var key = FromSeed(ServerSecret.LoadOrCreate(SecretSource.AuditSigningKey, storage, environment: environment));
        key.WritePublicKey(PublicKeyPath(storage));
        return key;
    }

    /// <summary>Loads the key without creating one; null when neither the variable nor the file exists.</summary>
    public static AuditSigningKey? TryLoad(StorageOptions storage, Func<string, string?>? environment = null) =>
        ServerSecret.TryLoad(SecretSource.AuditSigningKey, storage, environment: environment) is { } seed ? FromSeed(seed) : null;

    public byte[] Sign(ReadOnlySpan<byte> payload) => SignatureAlgorithm.Ed25519.Sign(_key, payload);

    public void WritePublicKey(string path)
    {
        var text = VerificationKey.ToBase64() + "\n";
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => _key.Dispose();
}
