using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Policy;

namespace Tiergate.Storage.Policies;

/// <summary>
/// The policy of record for every instance on one database (<c>policy_versions</c>). Applying stores a new version
/// only when the text's hash differs from the newest one, serialised across instances (SQLite's write lock, a
/// PostgreSQL advisory lock), and audits the change with the old and new hashes. Running gateways poll
/// <see cref="NewestVersionAsync"/>, a primary-key lookup, and read the text only when it has moved on.
/// </summary>
public sealed class PolicyVersionStore(TiergateDatabase database, IAuditLog audit, TimeProvider time)
{
    private const long PolicyLockKey = 0x5447_504F_4C59; // "TGPOLY"

    /// <summary>The newest version number, or null when no policy was ever stored.</summary>
    public async Task<long?> NewestVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Set<PolicyVersionEntity>().MaxAsync(v => (long?)v.Version, cancellationToken);
    }

    public async Task<StoredPolicy?> NewestAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await NewestAsync(db, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredPolicy>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.Set<PolicyVersionEntity>().AsNoTracking().OrderBy(v => v.Version).ToListAsync(cancellationToken);
        return rows.Select(Of).ToList();
    }

    /// <summary>
    /// Stores <paramref name="text"/> as the next version unless the newest already has its hash; audits a stored change
    /// as <c>policy.apply</c> with <c>old_hash</c>, <c>new_hash</c>, <c>version</c> and <paramref name="source"/>.
    /// The caller has validated the text: this store keeps what it is given.
    /// </summary>
    public async Task<PolicyApplyResult> ApplyAsync(PolicyText text, string actor, string source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        StoredPolicy current;
        string? previousHash;
        await using (var db = database.CreateContext())
        {
            await using var transaction = await LockedTransaction.BeginAsync(db, PolicyLockKey, cancellationToken);
            var newest = await NewestAsync(db, cancellationToken);
            if (newest is not null && newest.Hash == text.Hash)
            {
                return new PolicyApplyResult(newest, false, newest.Hash);
            }

            var entity = new PolicyVersionEntity
            {
                Version = (newest?.Version ?? 0) + 1,
                Hash = text.Hash,
                Text = text.Canonical,
                AppliedAt = time.GetUtcNow(),
                AppliedBy = actor,
            };
            db.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            current = Of(entity);
            previousHash = newest?.Hash;
        }

        await audit.AppendAsync(new AuditEvent("policy.apply", actor, $"policy:v{current.Version}", "ok", new Dictionary<string, string>
        {
            ["old_hash"] = previousHash ?? "none",
            ["new_hash"] = current.Hash,
            ["version"] = current.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["source"] = source,
        }), cancellationToken);
        return new PolicyApplyResult(current, true, previousHash);
    }

    private static async Task<StoredPolicy?> NewestAsync(TiergateDbContext db, CancellationToken cancellationToken)
    {
        var row = await db.Set<PolicyVersionEntity>().AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Of(row);
    }

    private static StoredPolicy Of(PolicyVersionEntity e) => new(e.Version, e.Hash, e.Text, e.AppliedAt, e.AppliedBy);
}
