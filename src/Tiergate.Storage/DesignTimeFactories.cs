using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tiergate.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without a running server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTiergateDbContext>
{
    public SqliteTiergateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTiergateDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>The PostgreSQL counterpart; no server is contacted while generating migrations.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTiergateDbContext>
{
    public PostgresTiergateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresTiergateDbContext>().UseNpgsql("Host=localhost;Database=tiergate").Options);
}
