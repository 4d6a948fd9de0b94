using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage;

public sealed class SqliteTiergateDbContext(DbContextOptions<SqliteTiergateDbContext> options) : TiergateDbContext(options);
