using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tiergate.Storage.Audit;

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpointEntity>
{
    public void Configure(EntityTypeBuilder<AuditCheckpointEntity> builder)
    {
        builder.ToTable("audit_checkpoints");
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.Sequence).HasColumnName("seq").ValueGeneratedNever();
        builder.Property(c => c.Hash).HasColumnName("hash");
        builder.Property(c => c.CreatedAtUnixMs).HasColumnName("created_unix_ms");
        builder.Property(c => c.KeyId).HasColumnName("key_id").HasMaxLength(AuditLimits.KeyIdLength);
        builder.Property(c => c.Signature).HasColumnName("signature");
    }
}
