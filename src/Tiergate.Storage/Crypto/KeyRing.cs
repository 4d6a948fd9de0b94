using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Tiergate.Storage.Crypto;

/// <summary>
/// Field encryption with versioned data keys (AES-256-GCM, 96-bit random nonce, 128-bit tag) and
/// keyed blind indexes. A ciphertext is <c>0x01 | key version (int32 BE) | nonce | ciphertext | tag</c>
/// and is bound to its purpose (e.g. <c>users.name</c>) as associated data, so a value moved to
/// another column, or any flipped bit, fails to decrypt. New data uses the highest version; every
/// version stays able to decrypt. Thread-safe. When a ciphertext names a version this process has
/// not loaded (another process rotated), the ring reloads itself from the database once.
/// </summary>
public sealed class KeyRing
{
    public const string StringPrefix = "enc1:";
    private const byte Format = 1;
    private const int HeaderLength = 5;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    private readonly Func<KeyRingSnapshot>? _reload;
    private readonly Lock _reloadLock = new();
    private volatile KeyRingSnapshot _snapshot;

    internal KeyRing(KeyRingSnapshot snapshot, Func<KeyRingSnapshot>? reload)
    {
        _snapshot = snapshot;
        _reload = reload;
    }

    public int ActiveVersion => _snapshot.ActiveVersion;

    public IReadOnlyCollection<int> Versions => _snapshot.DataKeys.Keys.Order().ToList();

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var snapshot = _snapshot;
        var version = snapshot.ActiveVersion;
        var output = new byte[HeaderLength + NonceLength + plaintext.Length + TagLength];
        output[0] = Format;
        BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(1), version);
        var nonce = output.AsSpan(HeaderLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(snapshot.DataKeys[version], TagLength);
        aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderLength + NonceLength, plaintext.Length),
            output.AsSpan(HeaderLength + NonceLength + plaintext.Length), AssociatedData(output.AsSpan(0, HeaderLength), purpose));
        return output;
    }

    /// <summary>Decrypts and authenticates; throws <see cref="CryptographicException"/> when the value was altered.</summary>
    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext, string purpose)
    {
        var version = VersionOf(ciphertext);
        var key = KeyFor(version);
        var length = ciphertext.Length - HeaderLength - NonceLength - TagLength;
        var output = new byte[length];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(ciphertext.Slice(HeaderLength, NonceLength), ciphertext.Slice(HeaderLength + NonceLength, length),
            ciphertext[(HeaderLength + NonceLength + length)..], output, AssociatedData(ciphertext[..HeaderLength], purpose));
        return output;
    }

    /// <summary>Text form for TEXT columns: <c>enc1:</c> + base64 of <see cref="Encrypt"/>.</summary>
    public string EncryptString(string plaintext, string purpose)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        return StringPrefix + Convert.ToBase64String(Encrypt(Encoding.UTF8.GetBytes(plaintext), purpose));
    }

    public string DecryptString(string stored, string purpose)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(StringPrefix, StringComparison.Ordinal))
        {
            throw new CryptographicException($"value for {purpose} is not encrypted");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(stored[StringPrefix.Length..]);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException($"value for {purpose} is damaged", ex);
        }

        return Encoding.UTF8.GetString(Decrypt(bytes, purpose));
    }

    /// <summary>The data key version a ciphertext was made with.</summary>
    public static int VersionOf(ReadOnlySpan<byte> ciphertext)
    {
        if (ciphertext.Length < HeaderLength + NonceLength + TagLength || ciphertext[0] != Format)
        {
            throw new CryptographicException("not a Tiergate ciphertext");
        }

        return BinaryPrimitives.ReadInt32BigEndian(ciphertext[1..]);
    }

    /// <summary>The version of a text-form ciphertext (<see cref="EncryptString"/>).</summary>
    public static int VersionOf(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(StringPrefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("not a Tiergate ciphertext");
        }

        return VersionOf(Convert.FromBase64String(stored[StringPrefix.Length..]));
    }

    /// <summary>
    /// A deterministic keyed HMAC-SHA256 (lowercase hex) of <paramref name="value"/>, for a unique,
    /// searchable column beside an encrypted one (e.g. email). Normalise the value first (trim,
    /// lowercase). Each purpose gets its own derived key, so indexes cannot be joined across columns.
    /// </summary>
    public string BlindIndex(string value, string purpose)
    {
        ArgumentNullException.ThrowIfNull(value);
        var subkey = HMACSHA256.HashData(_snapshot.IndexKey, Encoding.UTF8.GetBytes("tiergate-blind-index-v1|" + purpose));
        return Convert.ToHexStringLower(HMACSHA256.HashData(subkey, Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>Reloads the key versions from the database (after a rotation by another process).</summary>
    public void Refresh()
    {
        if (_reload is not null)
        {
            _snapshot = _reload();
        }
    }

    private byte[] KeyFor(int version)
    {
        if (_snapshot.DataKeys.TryGetValue(version, out var key))
        {
            return key;
        }

        lock (_reloadLock)
        {
            if (!_snapshot.DataKeys.ContainsKey(version))
            {
                Refresh();
            }
        }

        return _snapshot.DataKeys.TryGetValue(version, out key)
            ? key
            : throw new CryptographicException($"data key version {version} is not in the key ring");
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string purpose)
    {
        var context = Encoding.UTF8.GetBytes("tiergate-field-v1|" + purpose);
        var result = new byte[header.Length + context.Length];
        header.CopyTo(result);
        context.CopyTo(result, header.Length);
        return result;
    }
}
