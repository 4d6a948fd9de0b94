using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Sessions;

internal sealed class ConsoleSessionConfiguration : IEntityTypeConfiguration<ConsoleSessionEntity>
{
    public void Configure(EntityTypeBuilder<ConsoleSessionEntity> builder)
    {
        builder.ToTable("console_sessions");
        builder.HasIndex(s => s.HandleHash).IsUnique();
        builder.HasIndex(s => s.UserId);
        builder.Property(s => s.HandleHash).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(SessionStore.UserAgentLength);
        builder.Property(s => s.Address).HasMaxLength(64);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(s => s.UserId);
    }
}
