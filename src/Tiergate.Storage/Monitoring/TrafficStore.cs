using Microsoft.EntityFrameworkCore;

namespace Tiergate.Storage.Monitoring;

/// <summary>
/// Per-tier hourly traffic (<c>traffic_buckets</c>). Gateways add increments, so several instances on one database add
/// up rather than overwrite each other: an UPDATE that adds, then an INSERT when the hour has no row yet, in one
/// transaction serialised across instances (SQLite's write lock, a PostgreSQL advisory lock).
/// </summary>
public sealed class TrafficStore(TiergateDatabase database)
{
    private const long TrafficLockKey = 0x5447_5452_4146; // "TGTRAF"

    /// <summary>Adds each increment to its (tier, hour) bucket; <see cref="TrafficCounts.Users"/> is kept as the maximum.</summary>
    public async Task AddAsync(IReadOnlyCollection<TrafficCounts> increments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(increments);
        if (increments.Count == 0)
        {
            return;
        }

        await using var db = database.CreateContext();
        await using var transaction = await LockedTransaction.BeginAsync(db, TrafficLockKey, cancellationToken);
        foreach (var d in increments)
        {
            var hour = TrafficCounts.HourOf(d.HourStart);
            var updated = await db.Set<TrafficBucketEntity>()
                .Where(b => b.Tier == d.Tier && b.HourStart == hour)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(b => b.Requests, b => b.Requests + d.Requests)
                        .SetProperty(b => b.Denied, b => b.Denied + d.Denied)
                        .SetProperty(b => b.Blocked, b => b.Blocked + d.Blocked)
                        .SetProperty(b => b.Flagged, b => b.Flagged + d.Flagged)
                        .SetProperty(b => b.Tokens, b => b.Tokens + d.Tokens)
                        .SetProperty(b => b.Users, b => b.Users < d.Users ? d.Users : b.Users),
                    cancellationToken);
            if (updated == 0)
            {
                db.Add(new TrafficBucketEntity
                {
                    Tier = d.Tier,
                    HourStart = hour,
                    Requests = d.Requests,
                    Denied = d.Denied,
                    Blocked = d.Blocked,
                    Flagged = d.Flagged,
                    Tokens = d.Tokens,
                    Users = d.Users,
                });
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Every bucket whose hour starts in [<paramref name="from"/>, <paramref name="to"/>), by tier then hour.</summary>
    public async Task<IReadOnlyList<TrafficCounts>> ListAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.Set<TrafficBucketEntity>().AsNoTracking()
            .Where(b => b.HourStart >= from && b.HourStart < to)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(b => new TrafficCounts(b.Tier, b.HourStart, b.Requests, b.Denied, b.Blocked, b.Flagged, b.Tokens, b.Users))
            .OrderBy(b => b.Tier, StringComparer.Ordinal).ThenBy(b => b.HourStart)];
    }
}
