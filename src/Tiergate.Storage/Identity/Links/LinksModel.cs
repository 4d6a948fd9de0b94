using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Crypto;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// The tables of the identifier graph: <c>identifiers</c>, <c>identifier_bans</c>, <c>identity_clusters</c>,
/// <c>user_bans</c>. Configured here (called from one line of the context) because the ban reason needs the key ring.
/// </summary>
internal static class LinksModel
{
    /// <summary>Purpose bound into the ban reason's ciphertexts; never change it.</summary>
    public const string BanReasonPurpose = "user_bans.reason";

    /// <summary>The blind-index purpose of one kind's hashes, so hashes cannot be joined across kinds.</summary>
    public static string HashPurpose(Tiergate.Core.Identity.IdentifierKind kind) =>
        "identifiers." + Tiergate.Core.Identity.Identifiers.IdentifierNormaliser.NameOf(kind);

    public static void Configure(ModelBuilder modelBuilder, KeyRing? ring)
    {
        modelBuilder.Entity<IdentifierEntity>(e =>
        {
            e.ToTable("identifiers");
            e.Property(i => i.Hash).HasMaxLength(64);
            e.Property(i => i.Source).HasMaxLength(64);
            e.HasIndex(i => new { i.UserId, i.Kind, i.Hash }).IsUnique();
            // Covering, so a holders look-up reads only the index, and stops after the first holders of a shared /24 or AS.
            e.HasIndex(i => new { i.Kind, i.Hash, i.UserId });
            e.HasOne<UserEntity>().WithMany().HasForeignKey(i => i.UserId);
        });

        modelBuilder.Entity<IdentifierBanEntity>(e =>
        {
            e.ToTable("identifier_bans");
            e.Property(b => b.Hash).HasMaxLength(64);
            e.HasIndex(b => new { b.Kind, b.Hash });
            e.HasIndex(b => b.UserId);
        });

        modelBuilder.Entity<ClusterEntity>(e =>
        {
            e.ToTable("identity_clusters");
            e.HasKey(c => c.UserId);
            e.Property(c => c.UserId).ValueGeneratedNever();
            e.HasIndex(c => c.ClusterId);
        });

        modelBuilder.Entity<UserBanEntity>(e =>
        {
            e.ToTable("user_bans");
            e.HasKey(b => b.UserId);
            e.Property(b => b.UserId).ValueGeneratedNever();
            e.Property(b => b.BannedBy).HasMaxLength(128);
            e.HasOne<UserEntity>().WithMany().HasForeignKey(b => b.UserId);
            if (ring is not null)
            {
                e.Property(b => b.Reason).IsEncrypted(ring, BanReasonPurpose);
            }
        });
    }
}
