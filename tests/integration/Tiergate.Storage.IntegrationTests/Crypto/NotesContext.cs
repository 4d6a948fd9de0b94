using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tiergate.Storage.Crypto;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Crypto;

/// <summary>The schema plus <c>secret_notes</c>, whose columns are encrypted with a key ring.</summary>
public sealed class NotesContext(DbContextOptions options) : TiergateDbContext(options)
{
    public static Func<TiergateDbContext> Factory(TestStore store, KeyRing? ring)
    {
        var builder = new DbContextOptionsBuilder<NotesContext>();
        if (store.Options.PostgresConnection is { } pg)
        {
            builder.UseNpgsql(pg);
        }
        else
        {
            builder.UseSqlite($"Data Source={store.Options.SqlitePath}");
        }

        builder.ReplaceService<IModelCacheKeyFactory, KeyRingModelCacheKeyFactory>();
        var options = builder.Options;
        return () => new NotesContext(options) { KeyRing = ring };
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<SecretNoteEntity>(e =>
        {
            e.ToTable("secret_notes");
            e.Property(n => n.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(n => n.Body).HasColumnName("body");
            e.Property(n => n.Evidence).HasColumnName("evidence");
            if (KeyRing is not null)
            {
                e.Property(n => n.Body).IsEncrypted(KeyRing, "secret_notes.body");
                e.Property(n => n.Evidence).IsEncrypted(KeyRing, "secret_notes.evidence");
            }
        });
    }
}
