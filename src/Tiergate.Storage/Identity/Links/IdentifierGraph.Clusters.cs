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
            var family = ClusterComputation.FamilyPhones(
                rows.Where(r => r.Kind == (int)IdentifierKind.Phone).Select(r => (r.UserId, r.Hash)),
                rows.Where(r => r.Kind == (int)IdentifierKind.Document).Select(r => (r.UserId, r.Hash)));
            var sets = ClusterComputation.Join(rows, family);
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
        var current = await clusters.Where(c => labels.Contains(c.ClusterId)).ToDictionaryAsync(c => c.UserId, cancellationToken);
        var members = seedList.Union(current.Keys).ToList();
        var rows = await db.Set<IdentifierEntity>().AsNoTracking().Where(i => members.Contains(i.UserId) && ClusterComputation.StrongKinds.Contains(i.Kind))
            .Select(i => new StrongRow(i.UserId, i.Kind, i.Hash)).ToListAsync(cancellationToken);
        var family = await FamilyPhonesAsync(db, rows, cancellationToken);
        var sets = ClusterComputation.Join(rows, family);

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

    /// <summary>Which of these rows' phones are family phones, asking every holder of them (not only these rows') for their documents.</summary>
    private static async Task<HashSet<string>> FamilyPhonesAsync(TiergateDbContext db, List<StrongRow> rows, CancellationToken cancellationToken)
    {
        var phones = rows.Where(r => r.Kind == (int)IdentifierKind.Phone).Select(r => r.Hash).Distinct().ToList();
        if (phones.Count == 0)
        {
            return [];
        }

        var phone = (int)IdentifierKind.Phone;
        var document = (int)IdentifierKind.Document;
        var holders = await db.Set<IdentifierEntity>().AsNoTracking().Where(i => i.Kind == phone && phones.Contains(i.Hash))
            .Select(i => new { i.UserId, i.Hash }).ToListAsync(cancellationToken);
        var holderIds = holders.Select(h => h.UserId).Distinct().ToList();
        var documents = await db.Set<IdentifierEntity>().AsNoTracking().Where(i => holderIds.Contains(i.UserId) && i.Kind == document)
            .Select(i => new { i.UserId, i.Hash }).ToListAsync(cancellationToken);
        return ClusterComputation.FamilyPhones(holders.Select(h => (h.UserId, h.Hash)), documents.Select(d => (d.UserId, d.Hash)));
    }
}
