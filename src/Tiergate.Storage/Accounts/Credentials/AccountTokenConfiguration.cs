using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Credentials;

internal sealed class AccountTokenConfiguration : IEntityTypeConfiguration<AccountTokenEntity>
{
    public void Configure(EntityTypeBuilder<AccountTokenEntity> builder)
    {
        builder.ToTable("account_tokens");
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Purpose).HasMaxLength(16);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(t => t.UserId);
    }
}
