using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Accounts.Sessions;

namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// Banning an account: in one transaction it is disabled (<c>users.DisabledAt</c>: the gateway's caller lookup and
/// the console's sign-in refuse it), its strong identifiers (document, phone, card, mailbox) are banned so that they
/// cannot be attached or verified again on any account, and its grants, API keys and console sessions end at once.
/// The reason is kept encrypted; the audit record (<c>user.ban</c>) holds only counts, since a reason may name a person.
/// </summary>
public sealed class AccountBans(TiergateDatabase database, IAuditLog audit, TimeProvider time)
{
    private readonly AccountDirectory _directory = new(database);

    public async Task<BanResult> BanAsync(string email, string? reason, string actor, CancellationToken cancellationToken = default)
    {
        BanResult result;
        await using (var db = database.CreateContext())
        {
            var user = await _directory.FindUserAsync(db, email, cancellationToken);
            var problem = VettingText.CheckReason(reason);
            var already = problem is null && await db.Set<UserBanEntity>().AnyAsync(b => b.UserId == user.Id, cancellationToken);
            if (problem is not null || already)
            {
                var code = problem is not null ? ErrorCodes.InvalidArgument : LinkErrors.UserBanned;
                await audit.AppendAsync(new AuditEvent("user.ban", actor, $"user:{user.Id}", "denied", new Dictionary<string, string> { ["reason"] = code.Name }), cancellationToken);
                throw new TiergateException(code, problem ?? $"{user.Email} is already banned; nothing changed.");
            }

            var now = time.GetUtcNow();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            user.DisabledAt ??= now;
            db.Add(new UserBanEntity { UserId = user.Id, Reason = reason!, BannedBy = actor, At = now });
            var strong = ClusterComputation.StrongKinds;
            var identifiers = (await db.Set<IdentifierEntity>().AsNoTracking().Where(i => i.UserId == user.Id && strong.Contains(i.Kind))
                .Select(i => new { i.Kind, i.Hash }).ToListAsync(cancellationToken)).Select(i => (i.Kind, i.Hash)).ToHashSet();
            // The account's own mailbox, provider rules applied, whether or not a sign-in attached it: "a.da+2@gmail.com" cannot come back.
            identifiers.Add(((int)IdentifierKind.Email, IdentifierValues.Hash(database.KeyRing!, IdentifierKind.Email, IdentifierValues.Normalise(IdentifierKind.Email, user.Email))));
            db.AddRange(identifiers.Select(i => new IdentifierBanEntity { Kind = i.Kind, Hash = i.Hash, UserId = user.Id, At = now }));
            await db.SaveChangesAsync(cancellationToken);
            var grants = await db.Grants.Where(g => g.UserId == user.Id && g.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, now), cancellationToken);
            var keys = await db.ApiKeys.Where(k => k.UserId == user.Id && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
            var sessions = await db.Set<ConsoleSessionEntity>().Where(s => s.UserId == user.Id && s.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            result = new BanResult(user.Id, user.Email, now, grants, keys, sessions, identifiers.Count);
        }

        // After the commit: on SQLite the audit log needs the write lock the transaction held.
        await audit.AppendAsync(new AuditEvent("user.ban", actor, $"user:{result.UserId}", "ok", new Dictionary<string, string>
        {
            ["grants_revoked"] = Count(result.GrantsRevoked),
            ["keys_revoked"] = Count(result.KeysRevoked),
            ["sessions_ended"] = Count(result.SessionsEnded),
            ["identifiers_banned"] = Count(result.IdentifiersBanned),
        }), cancellationToken);
        return result;
    }

    /// <summary>Whether the account is banned (one indexed look-up).</summary>
    public async Task<bool> IsBannedAsync(long userId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Set<UserBanEntity>().AnyAsync(b => b.UserId == userId, cancellationToken);
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
