using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tiergate.Storage.Policies;

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersionEntity>
{
    public void Configure(EntityTypeBuilder<PolicyVersionEntity> e)
    {
        e.ToTable("policy_versions");
        e.HasKey(v => v.Version);
        e.Property(v => v.Version).ValueGeneratedNever();
        e.Property(v => v.Hash).HasMaxLength(64);
        e.Property(v => v.AppliedBy).HasMaxLength(256);
    }
}
