using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tiergate.Storage.Audit;

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHeadEntity>
{
    public void Configure(EntityTypeBuilder<AuditHeadEntity> builder)
    {
        builder.ToTable("audit_head");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(h => h.Sequence).HasColumnName("seq");
        builder.Property(h => h.Hash).HasColumnName("hash");
        builder.Property(h => h.CreatedAtUnixMs).HasColumnName("created_unix_ms");
        builder.Property(h => h.KeyId).HasColumnName("key_id").HasMaxLength(AuditLimits.KeyIdLength);
        builder.Property(h => h.Signature).HasColumnName("signature");
    }
}
