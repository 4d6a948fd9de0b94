using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tiergate.Storage.Identity.Vendors;

internal sealed class IdentityWebhookEventConfiguration : IEntityTypeConfiguration<IdentityWebhookEventEntity>
{
    public void Configure(EntityTypeBuilder<IdentityWebhookEventEntity> builder)
    {
        builder.ToTable("identity_webhook_events");
        builder.HasIndex(e => new { e.Vendor, e.EventId }).IsUnique();
        builder.Property(e => e.Vendor).HasMaxLength(16);
        builder.Property(e => e.EventId).HasMaxLength(VendorEvent.MaxIdLength);
    }
}
