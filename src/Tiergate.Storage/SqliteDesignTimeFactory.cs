using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Tiergate.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without a running server.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTiergateDbContext>
{
    public SqliteTiergateDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTiergateDbContext>().UseSqlite("Data Source=design.db").Options);
}
