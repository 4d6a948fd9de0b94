using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Crypto;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Vetting;

/// <summary>
/// The tables of identity checks, applications and review decisions. Configured here rather than in
/// <c>IEntityTypeConfiguration</c> classes because their personal-data columns need the context's key ring.
/// </summary>
internal static class VettingModel
{
    /// <summary>Purposes bound into each encrypted column's ciphertexts; never change them.</summary>
    public const string EvidencePurpose = "identity_checks.evidence";
    public const string WithdrawnReasonPurpose = "identity_checks.withdrawn_reason";
    public const string UseCasePurpose = "applications.use_case";
    public const string AffiliationPurpose = "applications.affiliation";
    public const string LinksPurpose = "applications.links";
    public const string ReasonPurpose = "application_decisions.reason";

    public static void Configure(ModelBuilder modelBuilder, KeyRing? ring)
    {
        modelBuilder.Entity<IdentityCheckEntity>(e =>
        {
            e.ToTable("identity_checks");
            e.HasIndex(c => c.UserId);
            e.Property(c => c.Method).HasMaxLength(64);
            e.Property(c => c.RecordedBy).HasMaxLength(128);
            e.Property(c => c.WithdrawnBy).HasMaxLength(128);
            e.Property(c => c.VendorReference).HasMaxLength(128);
            e.HasIndex(c => new { c.Method, c.VendorReference }).IsUnique();
            e.HasOne<UserEntity>().WithMany().HasForeignKey(c => c.UserId);
            if (ring is not null)
            {
                e.Property(c => c.Evidence).IsEncrypted(ring, EvidencePurpose);
                e.Property(c => c.WithdrawnReason).IsEncrypted(ring, WithdrawnReasonPurpose);
            }
        });

        modelBuilder.Entity<ApplicationEntity>(e =>
        {
            e.ToTable("applications");
            e.HasIndex(a => new { a.UserId, a.Tier });
            e.HasIndex(a => a.Status);
            e.Property(a => a.Tier).HasMaxLength(64);
            e.Property(a => a.PermittedUses).HasMaxLength(256);
            e.Property(a => a.PolicyId).HasMaxLength(128);
            e.Property(a => a.PolicyVersion).HasMaxLength(64);
            e.HasOne<UserEntity>().WithMany().HasForeignKey(a => a.UserId);
            if (ring is not null)
            {
                e.Property(a => a.UseCase).IsEncrypted(ring, UseCasePurpose);
                e.Property(a => a.Affiliation).IsEncrypted(ring, AffiliationPurpose);
                e.Property(a => a.Links).IsEncrypted(ring, LinksPurpose);
            }
        });

        modelBuilder.Entity<ApplicationDecisionEntity>(e =>
        {
            e.ToTable("application_decisions");
            e.HasIndex(d => d.ApplicationId);
            e.HasOne<ApplicationEntity>().WithMany().HasForeignKey(d => d.ApplicationId);
            e.HasOne<UserEntity>().WithMany().HasForeignKey(d => d.ReviewerId).OnDelete(DeleteBehavior.Restrict);
            if (ring is not null)
            {
                e.Property(d => d.Reason).IsEncrypted(ring, ReasonPurpose);
            }
        });
    }
}
