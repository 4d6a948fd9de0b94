namespace Tiergate.Storage.Crypto;

/// <summary>
/// One version of a key in the key ring, wrapped by the key-encryption key. <see cref="Kind"/> is
/// <c>data</c> (AES-256-GCM field keys; the highest version encrypts, all versions decrypt) or
/// <c>index</c> (the HMAC key behind blind indexes and audit identifiers; never rotated, since
/// rotating it would change every index value).
/// </summary>
public sealed class CryptoKeyEntity
{
    public const string DataKind = "data";
    public const string IndexKind = "index";

    public required string Kind { get; set; }

    public int Version { get; set; }

    public required byte[] WrappedKey { get; set; }

    /// <summary>Which key-encryption key wrapped it (<see cref="KeyEncryptionKey.Id"/>).</summary>
    public required string KekId { get; set; }

    public long CreatedAtUnixMs { get; set; }
}
