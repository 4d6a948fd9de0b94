using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tiergate.Storage;

/// <summary>The PostgreSQL counterpart of <see cref="SqliteDesignTimeFactory"/>; no server is contacted.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTiergateDbContext>
{
    public PostgresTiergateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTiergateDbContext>().UseNpgsql("Host=localhost;Database=tiergate").Options);
}
