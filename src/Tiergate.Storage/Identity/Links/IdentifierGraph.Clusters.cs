using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Identity;

namespace Tiergate.Storage.Identity.Links;

public sealed partial class IdentifierGraph
{
    /// <summary>
    /// Recomputes every cluster from the identifiers table (after a bulk insert, or to check the incremental
    /// upkeep): reads the strong identifiers once, joins them in memory, rewrites <c>identity_clusters</c>.
    /// Returns the number of clusters (of two accounts or more); audited as <c>identity.rebuild</c>.
    /// </summary>
    public async Task<int> RebuildClustersAsync(string actor = "system", CancellationToken cancellationToken = default)
    {
        int clusters, accounts;
        await using (var db = database.CreateContext())
        {
            await using var transaction = await LockedTransaction.BeginAsync(db, GraphLockKey, cancellationToken);
            var rows = await db.Set<IdentifierEntity>().AsNoTracking().Where(i => ClusterComputation.StrongKinds.Contains(i.Kind))
                .Select(i => new StrongRow(i.UserId, i.Kind, i.Hash)).ToListAsync(cancellationToken);
            var household = ClusterComputation.HouseholdIdentifiers(
                rows.Where(r => ClusterComputation.CanBeHousehold(r.Kind)), rows.Where(r => ClusterComputation.IdentityKinds.Contains(r.Kind)));
            var sets = ClusterComputation.Join(rows, household);
            var components = rows.Select(r => r.UserId).Distinct().GroupBy(sets.Find).Where(g => g.Skip(1).Any()).ToList();
            await db.Set<ClusterEntity>().ExecuteDeleteAsync(cancellationToken);
            long label = 0;
            accounts = 0;
            foreach (var chunk in components.SelectMany(g => { label++; var l = label; return g.Select(u => new ClusterEntity { UserId = u, ClusterId = l }); }).Chunk(5000))
            {
                db.AddRange(chunk);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                accounts += chunk.Length;
            }

            await transaction.CommitAsync(cancellationToken);
            clusters = components.Count;
        }

        await audit.AppendAsync(new AuditEvent("identity.rebuild", actor, null, "ok", new Dictionary<string, string>
        {
            ["clusters"] = Count(clusters),
            ["accounts"] = Count(accounts),
        }), cancellationToken);
        return clusters;
    }

    /// <summary>
    /// Re-computes the clusters of <paramref name="seeds"/> (each taken whole, so every strong link that can change
    /// lies inside): joins, splits, and labels — each new cluster keeps the label most of its accounts already
    /// have, so a join re-labels only the smaller side. Runs inside the caller's locked transaction.
    /// </summary>
    private static async Task ReclusterAsync(TiergateDbContext db, IReadOnlyCollection<long> seeds, CancellationToken cancellationToken)
    {
        var clusters = db.Set<ClusterEntity>();
        var seedList = seeds.Distinct().ToList();
        var labels = await clusters.Where(c => seedList.Contains(c.UserId)).Select(c => c.ClusterId).Distinct().ToListAsync(cancellationToken);
        if (labels.Count == 0 && seedList.Count == 1)
        {
            return; // One account in no cluster, sharing nothing: nothing to join or split.
        }

        var current = await clusters.Where(c => labels.Contains(c.ClusterId)).ToDictionaryAsync(c => c.UserId, cancellationToken);
        var members = seedList.Union(current.Keys).ToList();
        var rows = await db.Set<IdentifierEntity>().AsNoTracking().Where(i => members.Contains(i.UserId) && ClusterComputation.StrongKinds.Contains(i.Kind))
            .Select(i => new StrongRow(i.UserId, i.Kind, i.Hash)).ToListAsync(cancellationToken);
        var household = await HouseholdIdentifiersAsync(db, rows, cancellationToken);
        var sets = ClusterComputation.Join(rows, household);

        long? next = null;
        var taken = new HashSet<long>();
        foreach (var component in members.GroupBy(sets.Find).OrderByDescending(g => g.Count()))
        {
            var ids = component.ToList();
            if (ids.Count == 1)
            {
                if (current.TryGetValue(ids[0], out var alone))
                {
                    clusters.Remove(alone);
                }

                continue;
            }

            var label = ids.Where(current.ContainsKey).GroupBy(id => current[id].ClusterId).Where(g => !taken.Contains(g.Key))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => (long?)g.Key).FirstOrDefault();
            if (label is null)
            {
                next ??= (await clusters.MaxAsync(c => (long?)c.ClusterId, cancellationToken) ?? 0) + 1;
                label = next++;
            }

            taken.Add(label.Value);
            foreach (var id in ids)
            {
                if (current.TryGetValue(id, out var row))
                {
                    row.ClusterId = label.Value;
                }
                else
                {
                    clusters.Add(new ClusterEntity { UserId = id, ClusterId = label.Value });
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Which of these rows' phones and cards are a household's, asking their holders (up to one past
    /// <see cref="LinkWeights.MaxFamilySize"/> each, so a crowded one stays cheap and strong) for their documents and phones.
    /// </summary>
    private static async Task<HashSet<(int Kind, string Hash)>> HouseholdIdentifiersAsync(TiergateDbContext db, List<StrongRow> rows, CancellationToken cancellationToken)
    {
        var shared = rows.Where(r => ClusterComputation.CanBeHousehold(r.Kind)).Select(r => (r.Kind, r.Hash)).Distinct().ToList();
        if (shared.Count == 0)
        {
            return [];
        }

        return await HouseholdIdentifiersAsync(db, await HoldersOfManyAsync(db, shared, LinkWeights.MaxFamilySize + 1, cancellationToken), cancellationToken);
    }

    /// <summary>Which phones and cards among <paramref name="holdersOf"/> are a household's, given their holders (read past <see cref="LinkWeights.MaxFamilySize"/> when crowded).</summary>
    private static async Task<HashSet<(int Kind, string Hash)>> HouseholdIdentifiersAsync(
        TiergateDbContext db, Dictionary<(int Kind, string Hash), List<long>> holdersOf, CancellationToken cancellationToken)
    {
        var holders = holdersOf.Where(h => ClusterComputation.CanBeHousehold(h.Key.Kind) && h.Value.Count is >= 2 and <= LinkWeights.MaxFamilySize)
            .SelectMany(h => h.Value.Select(u => new StrongRow(u, h.Key.Kind, h.Key.Hash))).ToList();
        if (holders.Count == 0)
        {
            return [];
        }

        var holderIds = holders.Select(h => h.UserId).Distinct().ToList();
        var identity = await db.Set<IdentifierEntity>().AsNoTracking().Where(i => holderIds.Contains(i.UserId) && ClusterComputation.IdentityKinds.Contains(i.Kind))
            .Select(i => new StrongRow(i.UserId, i.Kind, i.Hash)).ToListAsync(cancellationToken);
        return ClusterComputation.HouseholdIdentifiers(holders, identity);
    }
}
