using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Credentials;

internal sealed class ConsoleCredentialConfiguration : IEntityTypeConfiguration<ConsoleCredentialEntity>
{
    public void Configure(EntityTypeBuilder<ConsoleCredentialEntity> builder)
    {
        builder.ToTable("console_credentials");
        builder.HasKey(c => c.UserId);
        builder.Property(c => c.UserId).ValueGeneratedNever();
        builder.Property(c => c.PasswordHash).HasMaxLength(200);
        builder.HasOne<UserEntity>().WithOne().HasForeignKey<ConsoleCredentialEntity>(c => c.UserId);
    }
}
