using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tiergate.Storage.Crypto;

internal sealed class CryptoKeyConfiguration : IEntityTypeConfiguration<CryptoKeyEntity>
{
    public void Configure(EntityTypeBuilder<CryptoKeyEntity> builder)
    {
        builder.ToTable("crypto_keys");
        builder.HasKey(k => new { k.Kind, k.Version });
        builder.Property(k => k.Kind).HasColumnName("kind").HasMaxLength(16);
        builder.Property(k => k.Version).HasColumnName("version").ValueGeneratedNever();
        builder.Property(k => k.WrappedKey).HasColumnName("wrapped_key");
        builder.Property(k => k.KekId).HasColumnName("kek_id").HasMaxLength(32);
        builder.Property(k => k.CreatedAtUnixMs).HasColumnName("created_unix_ms");
    }
}
