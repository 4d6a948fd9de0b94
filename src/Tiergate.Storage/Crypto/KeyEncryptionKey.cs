using System.Security.Cryptography;
using System.Text;
using Tiergate.Storage.Secrets;

namespace Tiergate.Storage.Crypto;

/// <summary>
/// The key-encryption key (KEK): 32 bytes that wrap the data keys stored in the database and never
/// touch the database itself. Taken from <c>TIERGATE_KEK</c> (base64), else from an explicit file
/// (<c>--kek-file</c>), else from <c>DATA_DIR/secrets/kek</c> (created, mode 0600, on first use).
/// In production keep it out of the data directory (environment variable or a mounted secret) so
/// that a copy of the data directory or the database does not carry its own key.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const string EnvironmentVariable = "TIERGATE_KEK";
    public const int Length = 32;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly byte[] _key;

    public KeyEncryptionKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != Length)
        {
            throw new CryptographicSetupException($"the key-encryption key must be {Length} bytes, got {key.Length}");
        }

        _key = (byte[])key.Clone();
        Id = Convert.ToHexStringLower(HMACSHA256.HashData(_key, "tiergate-kek-id"u8).AsSpan(0, 8));
    }

    /// <summary>A public fingerprint (HMAC of a constant), stored with each wrapped data key.</summary>
    public string Id { get; }

    public static string DefaultPath(StorageOptions storage) => SecretSource.KeyEncryptionKey.DefaultPath(storage);

    /// <summary><see cref="ServerSecret"/>'s rule: <c>TIERGATE_KEK</c>, else <paramref name="kekFile"/>, else the default file.</summary>
    public static KeyEncryptionKey Load(StorageOptions storage, string? kekFile = null, Func<string, string?>? environment = null) =>
        new(ServerSecret.LoadOrCreate(SecretSource.KeyEncryptionKey, storage, kekFile, environment));

    /// <summary>AES-256-GCM: nonce || ciphertext || tag, bound to <paramref name="context"/>.</summary>
    public byte[] Wrap(ReadOnlySpan<byte> dataKey, string context)
    {
        var output = new byte[NonceLength + dataKey.Length + TagLength];
        var nonce = output.AsSpan(0, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagLength);
        aes.Encrypt(nonce, dataKey, output.AsSpan(NonceLength, dataKey.Length), output.AsSpan(NonceLength + dataKey.Length), Encoding.UTF8.GetBytes(context));
        return output;
    }

    public byte[] Unwrap(ReadOnlySpan<byte> wrapped, string context)
    {
        if (wrapped.Length < NonceLength + TagLength)
        {
            throw new CryptographicException("wrapped key is too short");
        }

        var length = wrapped.Length - NonceLength - TagLength;
        var output = new byte[length];
        using var aes = new AesGcm(_key, TagLength);
        aes.Decrypt(wrapped[..NonceLength], wrapped.Slice(NonceLength, length), wrapped[(NonceLength + length)..], output, Encoding.UTF8.GetBytes(context));
        return output;
    }
}
