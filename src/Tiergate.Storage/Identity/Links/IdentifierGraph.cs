using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Identity.Identifiers;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// The identifier graph on the Tiergate database. Attaching is incremental: a strong identifier that joins two
/// clusters re-labels the smaller; one that can split a cluster (a document or a number of one's own that makes a shared phone a household's)
/// re-computes just the clusters it touches. Every query is an indexed look-up by account, cluster or (kind, hash).
/// </summary>
/// <param name="oneDocumentOneAccount">Whether a document already held by another account is refused (<c>identity.one_document_one_account</c>).</param>
public sealed partial class IdentifierGraph(TiergateDatabase database, IAuditLog audit, TimeProvider time, bool oneDocumentOneAccount = true) : IIdentifierGraph
{
    /// <summary>Attaches and re-clusterings serialise on this lock ("tgid"): two relabels must not interleave.</summary>
    private const long GraphLockKey = 0x74676964;

    private const int MaxSourceLength = 64;

    private Crypto.KeyRing Ring => database.KeyRing ?? throw new InvalidOperationException("The database was not migrated: its key ring is not open.");

    public async Task<AttachResult> AttachAsync(long userId, IdentifierKind kind, string value, string source, string actor, CancellationToken cancellationToken = default) =>
        (await AttachManyAsync(userId, [(kind, value)], source, actor, cancellationToken))[0];

    /// <summary>
    /// Attaches several identifiers of one account at once (a sign-in's address, network and device; a vendor's document
    /// and card): one transaction and one re-clustering for all of them, each with <see cref="AttachAsync"/>'s rules and
    /// result. A value that does not normalise throws before anything is written.
    /// </summary>
    public async Task<IReadOnlyList<AttachResult>> AttachManyAsync(
        long userId, IReadOnlyList<(IdentifierKind Kind, string Value)> identifiers, string source, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        if (string.IsNullOrEmpty(source) || source.Length > MaxSourceLength || source.Any(c => c is < '!' or > '~'))
        {
            throw new TiergateException(ErrorCodes.InvalidArgument, $"The source must be 1 to {MaxSourceLength} printable ASCII characters without spaces.");
        }

        var items = identifiers.Select(i => (i.Kind, Hash: IdentifierValues.Hash(Ring, i.Kind, IdentifierValues.Normalise(i.Kind, i.Value)))).ToList();
        await using var db = database.CreateContext();
        var outcomes = new List<(IdentifierKind Kind, string Hash, string? Refusal, List<long> Linked, bool Added)>(items.Count);
        // On SQLite the transaction takes the write lock as it begins (BEGIN IMMEDIATE); on PostgreSQL the facts' round trip takes the graph's lock first.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The account, the strong identifiers' bans and every identifier's holders (this account included) in one round trip.
            var facts = await AttachFactsAsync(db, userId, items.Select(i => ((int)i.Kind, i.Hash)).ToList(),
                items.Where(i => IdentifierNormaliser.IsStrong(i.Kind)).Select(i => ((int)i.Kind, i.Hash)).ToList(), LinkWeights.MaxWeakHolders + 1, GraphLockKey, cancellationToken);
            if (!facts.Exists)
            {
                throw new TiergateException(UserErrors.UnknownUser, $"No user has id {userId}.");
            }

            var holdersOf = facts.HoldersOf;
            var seeds = new HashSet<long>();
            var added = new List<(int Kind, string Hash)>();
            var recluster = false;
            foreach (var (kind, hash) in items.Distinct())
            {
                var k = (int)kind;
                var strong = IdentifierNormaliser.IsStrong(kind);
                if (strong && facts.BannedBy.TryGetValue((k, hash), out var bannedBy))
                {
                    // Refused (it cannot verify anyone again), yet kept as evidence: the account joins the banned one's
                    // cluster, so a reviewer sees why and its applications are flagged linked_account_banned.
                    var holders = holdersOf.TryGetValue((k, hash), out var bannedHolders) ? bannedHolders : [];
                    var alreadyHeld = facts.Held.Contains((k, hash));
                    if (!alreadyHeld)
                    {
                        added.Add((k, hash));
                        recluster = true;
                        seeds.UnionWith(holders);
                    }

                    outcomes.Add((kind, hash, LinkErrors.IdentifierBanned.Name, bannedBy.Where(b => b != userId).Distinct().Take(50).ToList(), !alreadyHeld));
                    continue;
                }

                // Every holder, this account included, in one look-up of (Kind, Hash): whether it is already attached, and to whom else.
                var linked = holdersOf.TryGetValue((k, hash), out var found) ? [.. found] : new List<long>();
                linked.Remove(userId);
                // Asked directly, not read from the holders: a crowded identifier's first holders may not include this account.
                var held = facts.Held.Contains((k, hash));
                if (linked.Count > LinkWeights.MaxWeakHolders)
                {
                    linked.RemoveAt(linked.Count - 1);
                }

                if (kind == IdentifierKind.Document && oneDocumentOneAccount && linked.Count > 0)
                {
                    outcomes.Add((kind, hash, LinkErrors.DocumentInUse.Name, linked, false));
                    continue;
                }

                if (!held)
                {
                    added.Add((k, hash));
                    // A new strong identifier can join clusters (it is shared) or split one (a document, or a number of one's own,
                    // that makes a shared phone or card a household's).
                    if (strong && (linked.Count > 0 || kind is IdentifierKind.Document or IdentifierKind.Phone))
                    {
                        recluster = true;
                        seeds.UnionWith(linked);
                    }
                }

                outcomes.Add((kind, hash, null, linked, !held));
            }

            await IdentifierRows.InsertAsync(db, userId, added, source, time.GetUtcNow(), cancellationToken);
            // A lone account that shares nothing new cannot join or split a cluster.
            if (recluster && (seeds.Count > 0 || facts.Clustered))
            {
                await ReclusterAsync(db, [userId, .. seeds], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // After the commit: on SQLite the audit log needs the write lock the transaction held. Repeats of an attached identifier are not audited.
        foreach (var (kind, hash, refusal, linked, added) in outcomes.Where(o => o.Refusal is not null || o.Added))
        {
            await audit.AppendAsync(new AuditEvent("identity.attach", actor, $"user:{userId}", refusal is null ? "ok" : "denied", new Dictionary<string, string>
            {
                ["kind"] = IdentifierNormaliser.NameOf(kind),
                ["hash"] = IdentifierValues.Shown(hash),
                ["source"] = source,
                ["linked"] = string.Join(',', linked.Take(20).Select(id => $"user:{id}")),
                ["reason"] = refusal ?? "none",
            }), cancellationToken);
        }

        // One result per identifier given, in order (a repeat in the list gets the first one's).
        return items.Select(i => outcomes.First(o => o.Kind == i.Kind && o.Hash == i.Hash)).Select(o => new AttachResult(o.Refusal is null, o.Refusal, o.Linked)).ToList();
    }

    /// <summary>
    /// The flags an application from this account carries because of its cluster: <c>linked_account_banned</c> when
    /// another account of the cluster is banned, <c>linked_account_denied</c> when one has a denied application.
    /// </summary>
    public async Task<IReadOnlyList<string>> FlagsForAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await ClusterFlags.ForAsync(db, userId, cancellationToken);
    }

    /// <summary>The id and address of the user with this email, or <see cref="UserErrors.UnknownUser"/> (for the CLI's <c>--user</c>).</summary>
    public async Task<(long Id, string Email)> FindUserAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await new Accounts.AccountDirectory(database).FindUserAsync(db, email, cancellationToken);
        return (user.Id, user.Email);
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
