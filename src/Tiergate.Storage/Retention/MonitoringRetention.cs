using Microsoft.EntityFrameworkCore;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Monitoring;
using Tiergate.Storage.Responses;

namespace Tiergate.Storage.Retention;

/// <summary>
/// Deletes monitoring data older than each tier's retention (<see cref="RetentionCutoffs"/>): hourly traffic buckets,
/// detectors' per-user state, finished responses and closed alerts. Open and acknowledged alerts are kept whatever their
/// age (someone still has to look at them), and so is every response that is pending or in force, and every alert that a
/// response still refers to. Each delete removes at most <see cref="BatchSize"/> rows (<see cref="BatchedDeletion"/>), so it
/// holds SQLite's write lock for milliseconds. On PostgreSQL one instance runs at a time under an advisory lock; the
/// others skip the round. Deleting twice would be harmless anyway: every delete re-checks its conditions.
/// </summary>
public sealed class MonitoringRetention(TiergateDatabase database, int batchSize = BatchedDeletion.DefaultBatchSize, TimeSpan? pause = null)
{
    public const string TrafficBuckets = "traffic_buckets";
    public const string MonitorState = "monitor_state";
    public const string Responses = "responses";
    public const string Alerts = "alerts";
    public const string OtherTiers = "(other)";
    public const string AllTiers = "(all)";

    private const long PostgresLockKey = 0x5447_5245_544E; // "TGRETN"
    private static readonly string[] FinishedResponses = [ResponseStatus.Reversed, ResponseStatus.Declined, ResponseStatus.Done];
    private readonly TimeSpan _pause = pause ?? BatchedDeletion.DefaultPause;

    public int BatchSize { get; } = batchSize > 0 ? batchSize : throw new ArgumentOutOfRangeException(nameof(batchSize));

    public async Task<RetentionRunResult> PruneAsync(RetentionCutoffs cutoffs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cutoffs);
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var postgres = db.Database.IsNpgsql();
        if (postgres && !await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({PostgresLockKey}) AS \"Value\"").SingleAsync(cancellationToken))
        {
            return new RetentionRunResult(true, []);
        }

        try
        {
            var deleted = new List<RetentionDeletion>();
            var names = cutoffs.Tiers.Keys.ToList();
            foreach (var (tier, cut) in cutoffs.Tiers)
            {
                await PruneTierAsync(db, tier, cut, t => t == tier, deleted, cancellationToken);
            }

            await PruneTierAsync(db, OtherTiers, cutoffs.Others, t => t == null || !names.Contains(t), deleted, cancellationToken);
            var before = cutoffs.MonitorStateBefore;
            Add(deleted, MonitorState, AllTiers, await DeleteAsync(
                db.Set<MonitorStateEntity>().Where(s => s.UpdatedAt < before).OrderBy(s => s.Subject), cancellationToken));
            return new RetentionRunResult(false, deleted);
        }
        finally
        {
            if (postgres)
            {
                await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock({PostgresLockKey}) AS \"Value\"").SingleAsync(CancellationToken.None);
            }
        }
    }

    private async Task PruneTierAsync(
        TiergateDbContext db, string label, TierCutoffs cut, System.Linq.Expressions.Expression<Func<string?, bool>> tierIs, List<RetentionDeletion> deleted, CancellationToken cancellationToken)
    {
        // A bucket goes once its whole hour is older than the cut-off.
        var lastHour = cut.UsageBefore.AddHours(-1);
        Add(deleted, TrafficBuckets, label, await DeleteAsync(
            db.Set<TrafficBucketEntity>().Where(Tier<TrafficBucketEntity>(b => b.Tier, tierIs)).Where(b => b.HourStart <= lastHour).OrderBy(b => b.HourStart),
            cancellationToken));

        // Responses go with their alert: finished, old, and their alert (if any) closed or gone.
        var alertsBefore = cut.AlertsBefore;
        var alerts = db.Set<AlertEntity>();
        Add(deleted, Responses, label, await DeleteAsync(
            db.Set<ResponseEntity>().Where(Tier<ResponseEntity>(r => r.Tier, tierIs))
                .Where(r => r.UpdatedAt < alertsBefore && FinishedResponses.Contains(r.Status)
                    && !alerts.Any(a => a.Id == r.AlertId && (a.Status == (int)AlertStatus.Open || a.Status == (int)AlertStatus.Acknowledged)))
                .OrderBy(r => r.Id),
            cancellationToken));

        var responses = db.Set<ResponseEntity>();
        Add(deleted, Alerts, label, await DeleteAsync(
            alerts.Where(Tier<AlertEntity>(a => a.Tier, tierIs))
                .Where(a => a.UpdatedAt < alertsBefore && (a.Status == (int)AlertStatus.Resolved || a.Status == (int)AlertStatus.FalsePositive)
                    && !responses.Any(r => r.AlertId == a.Id))
                .OrderBy(a => a.Id),
            cancellationToken));
    }

    /// <summary>Deletes the query's rows, <see cref="BatchSize"/> at a time, until a batch comes back short.</summary>
    private Task<long> DeleteAsync<T>(IQueryable<T> rows, CancellationToken cancellationToken) =>
        BatchedDeletion.UntilFewerAsync(ct => rows.Take(BatchSize).ExecuteDeleteAsync(ct), BatchSize, _pause, cancellationToken);

    /// <summary><c>row =&gt; tierIs(tierOf(row))</c>, as an expression the provider translates.</summary>
    private static System.Linq.Expressions.Expression<Func<T, bool>> Tier<T>(
        System.Linq.Expressions.Expression<Func<T, string?>> tierOf, System.Linq.Expressions.Expression<Func<string?, bool>> tierIs)
    {
        var body = new ParameterReplacer(tierIs.Parameters[0], tierOf.Body).Visit(tierIs.Body);
        return System.Linq.Expressions.Expression.Lambda<Func<T, bool>>(body, tierOf.Parameters);
    }

    private static void Add(List<RetentionDeletion> deleted, string data, string tier, long rows)
    {
        if (rows > 0)
        {
            deleted.Add(new RetentionDeletion(data, tier, rows));
        }
    }
}
