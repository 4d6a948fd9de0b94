using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tiergate.Storage.Monitoring;

internal sealed class TrafficBucketConfiguration : IEntityTypeConfiguration<TrafficBucketEntity>
{
    public void Configure(EntityTypeBuilder<TrafficBucketEntity> e)
    {
        e.ToTable("traffic_buckets");
        e.HasKey(b => new { b.Tier, b.HourStart });
        e.Property(b => b.Tier).HasMaxLength(64);
    }
}
