using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Tiergate.Storage.Crypto;

/// <summary>
/// Marks a column as encrypted with the key ring. Strings are stored as <c>enc1:</c>+base64 text,
/// byte arrays as raw ciphertext. The annotation lets <see cref="KeyRotation"/> find every encrypted
/// column in the model and re-encrypt it. Encrypted columns cannot be compared in queries: pair one
/// that must be unique or searchable with a blind-index column (<see cref="KeyRing.BlindIndex"/>).
/// </summary>
public static class EncryptedColumns
{
    public const string Annotation = "Tiergate:EncryptedPurpose";

    /// <param name="purpose">Bound into each ciphertext as associated data; use <c>table.column</c> and never change it.</param>
    public static PropertyBuilder IsEncrypted(this PropertyBuilder property, KeyRing ring, string purpose)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        var clrType = property.Metadata.ClrType;
        if (clrType == typeof(string))
        {
            property.HasConversion(new ValueConverter<string, string>(v => ring.EncryptString(v, purpose), v => ring.DecryptString(v, purpose)));
        }
        else if (clrType == typeof(byte[]))
        {
            property.HasConversion(new ValueConverter<byte[], byte[]>(v => ring.Encrypt(v, purpose), v => ring.Decrypt(v, purpose)));
        }
        else
        {
            throw new ArgumentException($"only string and byte[] properties can be encrypted, not {clrType.Name}", nameof(property));
        }

        property.HasAnnotation(Annotation, purpose);
        return property;
    }
}
