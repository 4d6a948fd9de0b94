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
        // One connection for the three reads: on SQLite each open of a pooled connection also runs its pragmas.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var ids = db.Set<IdentifierEntity>().AsNoTracking();
        // The account's identifiers and its cluster mates', with the cluster's label, in one query: a UNION ALL of two
        // indexed reads (no label: the account is alone). Newest first, ordered here: an ORDER BY Id could walk the
        // primary key instead of the (UserId, …) index.
        var clusters = db.Set<ClusterEntity>().AsNoTracking();
        var subjectCluster = clusters.Where(s => s.UserId == userId).Select(s => (long?)s.ClusterId);
        var mates = clusters.Where(c => subjectCluster.Contains(c.ClusterId) && c.UserId != userId).Select(c => c.UserId);
        var rows = (await ids.Where(i => i.UserId == userId).Select(i => new { i.Id, i.UserId, i.Kind, i.Hash, Label = subjectCluster.FirstOrDefault() })
            .Concat(ids.Where(i => mates.Contains(i.UserId)).Select(i => new { i.Id, i.UserId, i.Kind, i.Hash, Label = subjectCluster.FirstOrDefault() }))
            .ToListAsync(cancellationToken)).OrderByDescending(i => i.Id).ToList();
        var label = rows.Select(r => r.Label).FirstOrDefault(l => l is not null);
        var members = rows.Select(r => r.UserId).Append(userId).Distinct().Order().ToList();
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

    /// <summary>The evidence note of a household's phone or card.</summary>
    private static string HouseholdNote(IdentifierKind kind) => kind == IdentifierKind.Phone ? "family_phone" : "family_card";

    private static LinkEvidence Evidence(IdentifierKind kind, string hash, string strength, double weight, IReadOnlyList<long> with, int holders, string? note) =>
        new(IdentifierNormaliser.NameOf(kind), IdentifierValues.Shown(hash), strength, weight, with, holders, note);
}
