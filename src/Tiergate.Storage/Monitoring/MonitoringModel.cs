using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Crypto;
using Tiergate.Storage.Entities;
using Tiergate.Storage.Responses;

namespace Tiergate.Storage.Monitoring;

/// <summary>Detector state and responses; their personal columns are encrypted with the context's key ring.</summary>
internal static class MonitoringModel
{
    /// <summary>Purposes bound into each encrypted column's ciphertexts; never change them.</summary>
    public const string StatePurpose = "monitor_state.data";
    public const string ResponseReasonPurpose = "responses.reason";

    public static void Configure(ModelBuilder modelBuilder, KeyRing? ring)
    {
        modelBuilder.Entity<MonitorStateEntity>(e =>
        {
            e.ToTable("monitor_state");
            e.HasKey(s => s.Subject);
            e.Property(s => s.Subject).HasMaxLength(128);
            if (ring is not null)
            {
                e.Property(s => s.Data).IsEncrypted(ring, StatePurpose);
            }
        });
        modelBuilder.Entity<ResponseEntity>(e =>
        {
            e.ToTable("responses");
            e.HasIndex(r => r.Status);
            e.HasIndex(r => r.UserId);
            e.HasIndex(r => r.AlertId);
            e.Property(r => r.Detector).HasMaxLength(64);
            e.Property(r => r.Action).HasMaxLength(32);
            e.Property(r => r.KeyId).HasMaxLength(16);
            e.Property(r => r.Tier).HasMaxLength(64);
            e.Property(r => r.Status).HasMaxLength(16);
            e.Property(r => r.DecidedBy).HasMaxLength(128);
            e.HasOne<UserEntity>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
            if (ring is not null)
            {
                e.Property(r => r.DecidedReason).IsEncrypted(ring, ResponseReasonPurpose);
            }
        });
    }
}
