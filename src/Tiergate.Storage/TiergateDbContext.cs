using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tiergate.Storage.Crypto;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage;

/// <summary>
/// The schema, shared by both providers. Each provider has its own subclass so that it keeps
/// its own migrations (Migrations/Sqlite, Migrations/Postgres), as EF Core recommends.
/// </summary>
public abstract class TiergateDbContext(DbContextOptions options) : DbContext(options), IKeyRingContext
{
    /// <summary>Purposes bound into each encrypted column's ciphertexts; never change them.</summary>
    public const string EmailPurpose = "users.email";
    public const string NamePurpose = "users.name";
    public const string OrganisationPurpose = "users.organisation";

    /// <summary>
    /// The ring that encrypts personal data. Null only for design-time work (migrations), where the
    /// model needs no converters; every runtime context gets it from <see cref="TiergateDatabase"/>.
    /// </summary>
    public KeyRing? KeyRing { get; init; }

    public DbSet<UserEntity> Users => Set<UserEntity>();

    public DbSet<GrantEntity> Grants => Set<GrantEntity>();

    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as sortable 64-bit numbers on both providers so that range queries
        // (expiry, windows) run in the database; every instant written is UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserEntity>(e =>
        {
            e.ToTable("users");
            e.HasIndex(u => u.EmailIndex).IsUnique();
            e.Property(u => u.EmailIndex).HasMaxLength(64);
            if (KeyRing is { } ring)
            {
                e.Property(u => u.Email).IsEncrypted(ring, EmailPurpose);
                e.Property(u => u.Name).IsEncrypted(ring, NamePurpose);
                e.Property(u => u.Organisation).IsEncrypted(ring, OrganisationPurpose);
            }
        });

        modelBuilder.Entity<GrantEntity>(e =>
        {
            e.ToTable("grants");
            e.HasIndex(g => new { g.UserId, g.Tier });
            e.Property(g => g.Tier).HasMaxLength(64);
            e.HasOne<UserEntity>().WithMany().HasForeignKey(g => g.UserId);
        });

        modelBuilder.Entity<ApiKeyEntity>(e =>
        {
            e.ToTable("api_keys");
            e.Property(k => k.Id).HasMaxLength(16);
            e.HasIndex(k => k.UserId);
            e.HasOne<UserEntity>().WithMany().HasForeignKey(k => k.UserId);
        });

        Vetting.VettingModel.Configure(modelBuilder, KeyRing);
        Alerts.AlertModel.Configure(modelBuilder, KeyRing);
        Monitoring.MonitoringModel.Configure(modelBuilder, KeyRing);
        Identity.Links.LinksModel.Configure(modelBuilder, KeyRing);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TiergateDbContext).Assembly);
        Accounts.Mfa.MfaModel.Configure(modelBuilder, KeyRing); // Its secret column is encrypted: it needs the ring.
    }
}
