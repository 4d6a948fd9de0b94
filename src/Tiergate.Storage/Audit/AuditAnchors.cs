using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Audit;

/// <summary>Reads the archive anchors (<see cref="AuditAnchorEntity"/>).</summary>
public static class AuditAnchors
{
    /// <summary>The newest anchor, where the database's chain starts; null when nothing was ever archived.</summary>
    public static Task<AuditAnchorEntity?> NewestAsync(TiergateDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<AuditAnchorEntity>().AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
    }
}
