using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Identity;
using Tiergate.Core.Identity.Identifiers;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Users;
using Tiergate.Storage.Vetting;

namespace Tiergate.Storage.Identity.Links;

public sealed partial class IdentifierGraph
{
    /// <summary>How many of the subject's identifiers are scored for possible links (the newest): bounds the query.</summary>
    public const int MaxScoredIdentifiers = 32;

    /// <summary>How many possible links are listed.</summary>
    public const int MaxPossible = 50;

    /// <summary>
    /// The account's cluster with the evidence of each link, and its possible (weak) links. Not audited here: callers
    /// that show it to someone audit the read (the CLI and the reviewer's dossier do).
    /// </summary>
    public async Task<IdentityLinks> LinksAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var ids = db.Set<IdentifierEntity>().AsNoTracking();
        // The cluster's label and members in one query (no row: the account is alone).
        var clusters = db.Set<ClusterEntity>().AsNoTracking();
        var memberRows = await clusters.Where(c => clusters.Where(s => s.UserId == userId).Select(s => s.ClusterId).Contains(c.ClusterId))
            .Select(c => new { c.UserId, c.ClusterId }).ToListAsync(cancellationToken);
        var label = memberRows.Count == 0 ? (long?)null : memberRows[0].ClusterId;
        var members = memberRows.Count == 0 ? [userId] : memberRows.Select(m => m.UserId).Order().ToList();
        // Newest first, ordered here: an ORDER BY Id could walk the primary key instead of the (UserId, …) index.
        var rows = (await (members.Count == 1 ? ids.Where(i => i.UserId == userId) : ids.Where(i => members.Contains(i.UserId)))
            .Select(i => new { i.Id, i.UserId, i.Kind, i.Hash }).ToListAsync(cancellationToken)).OrderByDescending(i => i.Id).ToList();
        var memberSet = members.ToHashSet();

        // Evidence inside the cluster: each member's strong identifiers shared with other members.
        var byIdentifier = rows.GroupBy(r => (r.Kind, r.Hash)).ToDictionary(g => g.Key, g => g.Select(r => r.UserId).Distinct().ToList());
        var subjectRows = rows.Where(r => r.UserId == userId).Take(MaxScoredIdentifiers).ToList();
        // One read of holders serves both questions: which phones and cards are a household's (all the cluster's), and
        // who else holds what the subject's links are scored on (its weak identifiers, and its phones and cards in case).
        var asked = rows.Where(r => ClusterComputation.CanBeHousehold(r.Kind)).Select(r => (r.Kind, r.Hash))
            .Concat(subjectRows.Where(r => !IdentifierNormaliser.IsStrong((IdentifierKind)r.Kind)).Select(r => (r.Kind, r.Hash))).Distinct().ToList();
        var holdersOf = await HoldersOfManyAsync(db, asked, LinkWeights.MaxWeakHolders + 2, cancellationToken);
        var household = await HouseholdIdentifiersAsync(db, holdersOf, cancellationToken);

        // The subject's identifiers held outside the cluster: weak ones scored, a household's phones and cards explained.
        var possible = new Dictionary<long, List<LinkEvidence>>();
        var subjectEvidence = new List<LinkEvidence>();
        var scoredRows = subjectRows.Where(r => !IdentifierNormaliser.IsStrong((IdentifierKind)r.Kind) || household.Contains((r.Kind, r.Hash))).ToList();
        foreach (var row in scoredRows)
        {
            var kind = (IdentifierKind)row.Kind;
            var note = household.Contains((row.Kind, row.Hash)) ? HouseholdNote(kind) : null;
            var holders = holdersOf.TryGetValue((row.Kind, row.Hash), out var found) ? found.Where(h => h != userId).ToList() : [];
            var weight = note is not null ? LinkWeights.Household : LinkWeights.Weak(kind, holders.Count + 1);
            if (holders.Count == 0 || weight <= 0)
            {
                continue;
            }

            var inside = holders.Where(memberSet.Contains).ToList();
            var outside = holders.Where(h => !memberSet.Contains(h)).ToList();
            if (inside.Count > 0)
            {
                subjectEvidence.Add(Evidence(kind, row.Hash, "weak", weight, inside, holders.Count + 1, note));
            }

            foreach (var other in outside)
            {
                if (!possible.TryGetValue(other, out var list))
                {
                    possible[other] = list = [];
                }

                list.Add(Evidence(kind, row.Hash, "weak", weight, [userId], holders.Count + 1, note));
            }
        }

        var scored = possible.Select(p => (UserId: p.Key, Evidence: p.Value, Score: Math.Round(p.Value.Sum(e => e.Weight), 4)))
            .Where(p => p.Score >= LinkWeights.PossibleThreshold).OrderByDescending(p => p.Score).ThenBy(p => p.UserId).Take(MaxPossible).ToList();
        var shown = members.Concat(scored.Select(p => p.UserId)).ToList();
        // Each shown account's address, ban and denials in one query.
        var shownRows = await db.Users.AsNoTracking().Where(u => shown.Contains(u.Id)).Select(u => new
        {
            u.Id,
            u.Email,
            Banned = db.Set<UserBanEntity>().Any(b => b.UserId == u.Id),
            Denied = db.Set<ApplicationEntity>().Any(a => a.UserId == u.Id && a.Status == (int)ApplicationStatus.Denied),
        }).ToListAsync(cancellationToken);
        var emails = shownRows.ToDictionary(u => u.Id, u => u.Email);
        if (!emails.TryGetValue(userId, out var subjectEmail))
        {
            throw new Tiergate.Core.Errors.TiergateException(UserErrors.UnknownUser, $"No user has id {userId}.");
        }

        var banned = shownRows.Where(u => u.Banned).Select(u => u.Id).ToHashSet();
        var denied = shownRows.Where(u => u.Denied).Select(u => u.Id).ToHashSet();

        var cluster = new List<LinkedAccount>(members.Count);
        foreach (var member in members.OrderBy(m => m == userId ? 0 : 1).ThenBy(m => m))
        {
            var evidence = rows.Where(r => r.UserId == member && IdentifierNormaliser.IsStrong((IdentifierKind)r.Kind))
                .Select(r => (Row: r, Others: byIdentifier[(r.Kind, r.Hash)].Where(o => o != member).ToList()))
                .Where(x => x.Others.Count > 0)
                .Select(x =>
                {
                    var note = household.Contains((x.Row.Kind, x.Row.Hash)) ? HouseholdNote((IdentifierKind)x.Row.Kind) : null;
                    return Evidence((IdentifierKind)x.Row.Kind, x.Row.Hash, note is null ? "strong" : "weak", note is null ? LinkWeights.Strong : LinkWeights.Household,
                        x.Others, x.Others.Count + 1, note);
                }).ToList();
            if (member == userId)
            {
                evidence.AddRange(subjectEvidence);
            }

            cluster.Add(new LinkedAccount(member, emails.GetValueOrDefault(member, $"user:{member}"), banned.Contains(member), denied.Contains(member), LinkWeights.Strong, evidence));
        }

        var possibleAccounts = scored.Select(p => new LinkedAccount(p.UserId, emails.GetValueOrDefault(p.UserId, $"user:{p.UserId}"), banned.Contains(p.UserId), denied.Contains(p.UserId), p.Score, p.Evidence)).ToList();
        return new IdentityLinks(userId, subjectEmail, label, cluster, possibleAccounts);
    }

    /// <summary>
    /// The first <paramref name="limit"/> holders of each (kind, hash), in one round trip: a UNION ALL of one bounded
    /// index read each, so an identifier held by thousands (a carrier's AS) costs no more than one held by two.
    /// </summary>
    private static async Task<Dictionary<(int Kind, string Hash), List<long>>> HoldersOfManyAsync(
        TiergateDbContext db, List<(int Kind, string Hash)> keys, int limit, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(int Kind, string Hash), List<long>>();
        if (keys.Count == 0)
        {
            return result;
        }

        var sql = new System.Text.StringBuilder();
        var parameters = new List<object>(keys.Count * 2);
        foreach (var (kind, hash) in keys.Distinct())
        {
            if (sql.Length > 0)
            {
                sql.Append(" UNION ALL ");
            }

            var n = parameters.Count;
            sql.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"SELECT * FROM (SELECT \"Kind\", \"Hash\", \"UserId\" FROM identifiers WHERE \"Kind\" = {{{n}}} AND \"Hash\" = {{{n + 1}}} LIMIT {limit}) AS h{n}");
            parameters.Add(kind);
            parameters.Add(hash);
        }

        var rows = await db.Database.SqlQueryRaw<HolderRow>(sql.ToString(), [.. parameters]).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (!result.TryGetValue((row.Kind, row.Hash), out var list))
            {
                result[(row.Kind, row.Hash)] = list = [];
            }

            list.Add(row.UserId);
        }

        foreach (var list in result.Values)
        {
            list.Sort();
        }

        return result;
    }

    /// <summary>The evidence note of a household's phone or card.</summary>
    private static string HouseholdNote(IdentifierKind kind) => kind == IdentifierKind.Phone ? "family_phone" : "family_card";

    private static LinkEvidence Evidence(IdentifierKind kind, string hash, string strength, double weight, IReadOnlyList<long> with, int holders, string? note) =>
        new(IdentifierNormaliser.NameOf(kind), IdentifierValues.Shown(hash), strength, weight, with, holders, note);
}
