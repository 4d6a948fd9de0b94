using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tiergate.Storage.Audit;

internal sealed class AuditAnchorConfiguration : IEntityTypeConfiguration<AuditAnchorEntity>
{
    public void Configure(EntityTypeBuilder<AuditAnchorEntity> builder)
    {
        builder.ToTable("audit_anchors");
        builder.HasKey(a => a.Sequence);
        builder.Property(a => a.Sequence).HasColumnName("seq").ValueGeneratedNever();
        builder.Property(a => a.Hash).HasColumnName("hash");
        builder.Property(a => a.CreatedAtUnixMs).HasColumnName("created_unix_ms");
        builder.Property(a => a.KeyId).HasColumnName("key_id").HasMaxLength(AuditLimits.KeyIdLength);
        builder.Property(a => a.Signature).HasColumnName("signature");
        builder.Property(a => a.ArchivedRecords).HasColumnName("archived_records");
    }
}
