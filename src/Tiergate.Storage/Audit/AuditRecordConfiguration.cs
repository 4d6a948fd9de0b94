using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tiergate.Storage.Audit;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecordEntity>
{
    public void Configure(EntityTypeBuilder<AuditRecordEntity> builder)
    {
        builder.ToTable("audit_records");
        builder.HasKey(r => r.Sequence);
        builder.Property(r => r.Sequence).HasColumnName("seq").ValueGeneratedNever();
        builder.Property(r => r.TimestampUnixMs).HasColumnName("ts_unix_ms");
        builder.Property(r => r.Action).HasColumnName("action").HasMaxLength(AuditLimits.ActionLength);
        builder.Property(r => r.Actor).HasColumnName("actor").HasMaxLength(AuditLimits.ActorLength);
        builder.Property(r => r.Subject).HasColumnName("subject").HasMaxLength(AuditLimits.SubjectLength);
        builder.Property(r => r.Outcome).HasColumnName("outcome").HasMaxLength(AuditLimits.OutcomeLength);
        builder.Property(r => r.Details).HasColumnName("details");
        builder.Property(r => r.PreviousHash).HasColumnName("prev_hash");
        builder.Property(r => r.Hash).HasColumnName("hash");
        builder.HasIndex(r => new { r.Action, r.TimestampUnixMs });
        builder.HasIndex(r => r.Subject);
    }
}
