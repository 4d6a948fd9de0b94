using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Crypto;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Alerts;

/// <summary>The alerts table; evidence and status reasons are encrypted with the context's key ring.</summary>
internal static class AlertModel
{
    /// <summary>Purposes bound into each encrypted column's ciphertexts; never change them.</summary>
    public const string EvidencePurpose = "alerts.evidence";
    public const string StatusReasonPurpose = "alerts.status_reason";
    public const string UnmaskReasonPurpose = "alerts.unmask_reason";

    public static void Configure(ModelBuilder modelBuilder, KeyRing? ring)
    {
        modelBuilder.Entity<AlertEntity>(e =>
        {
            e.ToTable("alerts");
            e.HasIndex(a => new { a.UserId, a.Detector });
            e.HasIndex(a => a.Status);
            e.Property(a => a.Detector).HasMaxLength(64);
            e.Property(a => a.KeyId).HasMaxLength(16);
            e.Property(a => a.Tier).HasMaxLength(64);
            e.Property(a => a.StatusBy).HasMaxLength(128);
            e.Property(a => a.UnmaskedBy).HasMaxLength(128);
            e.HasOne<UserEntity>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
            if (ring is not null)
            {
                e.Property(a => a.Evidence).IsEncrypted(ring, EvidencePurpose);
                e.Property(a => a.StatusReason).IsEncrypted(ring, StatusReasonPurpose);
                e.Property(a => a.UnmaskedReason).IsEncrypted(ring, UnmaskReasonPurpose);
            }
        });
    }
}
