using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Mfa;

internal sealed class WebAuthnCredentialConfiguration : IEntityTypeConfiguration<WebAuthnCredentialEntity>
{
    public void Configure(EntityTypeBuilder<WebAuthnCredentialEntity> builder)
    {
        builder.ToTable("webauthn_credentials");
        builder.HasIndex(c => c.CredentialId).IsUnique();
        builder.HasIndex(c => c.UserId);
        builder.Property(c => c.CredentialId).HasMaxLength(PasskeyStore.MaxCredentialIdBytes);
        builder.Property(c => c.Transports).HasMaxLength(200);
        builder.Property(c => c.Name).HasMaxLength(PasskeyStore.MaxNameLength);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(c => c.UserId);
    }
}
