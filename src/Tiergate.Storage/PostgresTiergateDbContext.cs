using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage;

public sealed class PostgresTiergateDbContext(DbContextOptions<PostgresTiergateDbContext> options) : TiergateDbContext(options);
