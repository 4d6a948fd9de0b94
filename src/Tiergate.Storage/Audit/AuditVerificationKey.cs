using System.Security.Cryptography;
using NSec.Cryptography;

namespace Tiergate.Storage.Audit;

/// <summary>The Ed25519 public key that checks checkpoint and head signatures.</summary>
public sealed class AuditVerificationKey
{
    private readonly PublicKey _key;

    private AuditVerificationKey(PublicKey key, byte[] raw)
    {
        _key = key;
        RawPublicKey = raw;
        KeyId = Convert.ToHexStringLower(SHA256.HashData(raw).AsSpan(0, 8));
    }

    /// <summary>The 32-byte raw Ed25519 public key.</summary>
    public byte[] RawPublicKey { get; }

    /// <summary>First 8 bytes of SHA-256 of the public key, as lowercase hex.</summary>
    public string KeyId { get; }

    public static AuditVerificationKey FromRaw(ReadOnlySpan<byte> rawPublicKey)
    {
        var key = PublicKey.Import(SignatureAlgorithm.Ed25519, rawPublicKey, KeyBlobFormat.RawPublicKey);
        return new AuditVerificationKey(key, rawPublicKey.ToArray());
    }

    /// <summary>Reads a public key file: base64 of the 32 raw bytes (what <see cref="AuditSigningKey"/> writes).</summary>
    public static AuditVerificationKey FromFile(string path) =>
        FromRaw(Convert.FromBase64String(File.ReadAllText(path).Trim()));

    public string ToBase64() => Convert.ToBase64String(RawPublicKey);

    public bool Verify(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature) =>
        SignatureAlgorithm.Ed25519.Verify(_key, payload, signature);
}
