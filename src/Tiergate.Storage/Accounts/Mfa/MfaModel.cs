using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Crypto;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>The MFA tables; the TOTP secret column is encrypted, which needs the ring, so the context calls <see cref="Configure"/>.</summary>
internal static class MfaModel
{
    /// <summary>Bound into each TOTP secret's ciphertext; never change it.</summary>
    public const string TotpSecretPurpose = "mfa_totp.secret";

    /// <summary>The purpose of the recovery codes' keyed hash.</summary>
    public const string RecoveryCodePurpose = "mfa_recovery_codes.code";

    public static void Configure(ModelBuilder modelBuilder, KeyRing? ring)
    {
        modelBuilder.Entity<TotpFactorEntity>(e =>
        {
            e.ToTable("mfa_totp");
            e.HasKey(t => t.UserId);
            e.Property(t => t.UserId).ValueGeneratedNever();
            e.HasOne<UserEntity>().WithOne().HasForeignKey<TotpFactorEntity>(t => t.UserId);
            if (ring is not null)
            {
                e.Property(t => t.Secret).IsEncrypted(ring, TotpSecretPurpose);
            }
        });

        modelBuilder.Entity<RecoveryCodeEntity>(e =>
        {
            e.ToTable("mfa_recovery_codes");
            e.HasIndex(c => new { c.UserId, c.CodeHash });
            e.Property(c => c.CodeHash).HasMaxLength(64);
            e.HasOne<UserEntity>().WithMany().HasForeignKey(c => c.UserId);
        });
    }
}
