using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Entities;
using Tiergate.Storage.Identity;

namespace Tiergate.Storage.Accounts.Users;

/// <summary>User administration on the Tiergate database.</summary>
public sealed class UserAdministration(TiergateDatabase database, PolicyDocument policy, IAuditLog audit, TimeProvider time) : IUserAdministration
{
    private readonly AccountDirectory _directory = new(database);
    private readonly IdentityVerifications _verifications = new(database, audit, time);

    public Task<UserView> AddAsync(string email, string? name, string? organisation, IdentityLevel identity, string actor, CancellationToken cancellationToken = default) =>
        AddAsync(email, name, organisation, identity, UserRole.Applicant, actor, cancellationToken);

    public async Task<UserView> AddAsync(string email, string? name, string? organisation, IdentityLevel identity, UserRole role, string actor, CancellationToken cancellationToken = default)
    {
        var normalised = EmailAddress.Normalise(email);
        var index = _directory.EmailIndex(normalised);
        await using var db = database.CreateContext();
        if (await db.Users.AnyAsync(u => u.EmailIndex == index, cancellationToken))
        {
            throw new TiergateException(UserErrors.UserExists, $"A user with email '{normalised}' already exists.");
        }

        var now = time.GetUtcNow();
        var user = new UserEntity { Email = normalised, EmailIndex = index, Name = name, Organisation = organisation, Role = (int)role, CreatedAt = now };
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);

        var grants = policy.Tiers.Where(t => t.AutoGrant).Select(tier => NewGrant.For(user.Id, tier, null, "auto", now)).ToList();
        db.Grants.AddRange(grants);
        await db.SaveChangesAsync(cancellationToken);

        await audit.AppendAsync(new AuditEvent("user.create", actor, $"user:{user.Id}", "ok", new Dictionary<string, string>
        {
            ["identity"] = AccountDirectory.IdentityName(identity),
            ["auto_grants"] = string.Join(',', grants.Select(g => g.Tier)),
            ["role"] = VettingNames.Of(role),
        }), cancellationToken);
        if (identity > IdentityLevel.Email)
        {
            await ManualVerification.RecordAsync(_verifications, user.Id, identity, VerificationNames.Operator, "set at creation", null, actor, cancellationToken);
            return await ViewAsync(db, await db.Users.AsNoTracking().FirstAsync(u => u.Id == user.Id, cancellationToken), cancellationToken);
        }

        return UserView.From(user, grants.Select(g => GrantView.From(g, normalised)).ToList(), now);
    }

    public async Task<UserView> SetRoleAsync(string email, UserRole role, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await _directory.FindUserAsync(db, email, cancellationToken);
        var before = (UserRole)user.Role;
        user.Role = (int)role;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("user.role", actor, $"user:{user.Id}", "ok", new Dictionary<string, string>
        {
            ["from"] = VettingNames.Of(before),
            ["to"] = VettingNames.Of(role),
        }), cancellationToken);
        return await ViewAsync(db, user, cancellationToken);
    }

    public async Task<UserView> SetPrivacyPermissionAsync(string email, bool allowed, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await _directory.FindUserAsync(db, email, cancellationToken);
        var before = user.PrivacyPermission;
        user.PrivacyPermission = allowed;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent("user.privacy", actor, $"user:{user.Id}", "ok", new Dictionary<string, string>
        {
            ["from"] = before ? "allowed" : "none",
            ["to"] = allowed ? "allowed" : "none",
        }), cancellationToken);
        return await ViewAsync(db, user, cancellationToken);
    }

    public async Task<UserView> RecordIdentityCheckAsync(string email, IdentityLevel level, string method, string evidence, string actor, CancellationToken cancellationToken = default) =>
        await RecordIdentityCheckAsync(email, level, method, evidence, (TimeSpan?)null, actor, cancellationToken);

    public async Task<UserView> RecordIdentityCheckAsync(string email, IdentityLevel level, string method, string evidence, TimeSpan? validFor, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await _directory.FindUserAsync(db, email, cancellationToken);
        await ManualVerification.RecordAsync(_verifications, user.Id, level, method, evidence, time.GetUtcNow() + validFor, actor, cancellationToken);
        return await ViewAsync(db, await db.Users.AsNoTracking().FirstAsync(u => u.Id == user.Id, cancellationToken), cancellationToken);
    }

    /// <summary>Longest identity-check evidence accepted.</summary>
    public const int MaxEvidenceLength = 2000;

    private async Task<UserView> ViewAsync(TiergateDbContext db, UserEntity user, CancellationToken cancellationToken)
    {
        var grants = await db.Grants.AsNoTracking().Where(g => g.UserId == user.Id).OrderBy(g => g.Id).ToListAsync(cancellationToken);
        return UserView.From(user, grants.Select(g => GrantView.From(g, user.Email)).ToList(), time.GetUtcNow());
    }

    public async Task<EmailReindexResult> ReindexEmailsAsync(string actor, CancellationToken cancellationToken = default)
    {
        EmailReindexResult result;
        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var users = await db.Users.OrderBy(u => u.Id).ToListAsync(cancellationToken);
            var byIndex = new Dictionary<string, List<(UserEntity User, string Email)>>(StringComparer.Ordinal);
            var invalid = new List<long>();
            foreach (var user in users)
            {
                if (EmailAddress.TryNormalise(user.Email) is not { } normalised)
                {
                    invalid.Add(user.Id);
                    continue;
                }

                var index = _directory.EmailIndex(normalised);
                if (!byIndex.TryGetValue(index, out var holders))
                {
                    byIndex[index] = holders = [];
                }

                holders.Add((user, normalised));
            }

            var reindexed = 0;
            var collisions = new List<EmailCollision>();
            foreach (var (index, holders) in byIndex)
            {
                // The user already holding the index keeps it (it can only be one of these: the normaliser is
                // idempotent); otherwise the oldest account. The others are left exactly as they were.
                var (kept, email) = holders.FirstOrDefault(h => h.User.EmailIndex == index) is { User: not null } holder ? holder : holders[0];
                if (kept.EmailIndex != index || kept.Email != email)
                {
                    kept.EmailIndex = index;
                    kept.Email = email;
                    reindexed++;
                }

                if (holders.Count > 1)
                {
                    collisions.Add(new EmailCollision(email, kept.Id, holders.Select(h => h.User.Id).ToList()));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            result = new EmailReindexResult(users.Count, reindexed, collisions, invalid);
        }

        // After the commit: on SQLite the audit log needs the write lock this transaction held.
        await audit.AppendAsync(new AuditEvent("user.reindex", actor, null, result.Collisions.Count == 0 && result.Invalid.Count == 0 ? "ok" : "needs_review", new Dictionary<string, string>
        {
            ["checked"] = result.Checked.ToString(CultureInfo.InvariantCulture),
            ["reindexed"] = result.Reindexed.ToString(CultureInfo.InvariantCulture),
            ["collisions"] = Truncated(result.Collisions.Select(c => string.Join('+', c.UserIds.Select(id => $"user:{id}")))),
            ["invalid"] = Truncated(result.Invalid.Select(id => $"user:{id}")),
        }), cancellationToken);
        return result;
    }

    /// <summary>User ids only (no addresses in the audit log), bounded to fit an audit record.</summary>
    private static string Truncated(IEnumerable<string> items)
    {
        var text = string.Join(',', items);
        return text.Length <= 2000 ? text : text[..2000] + ",…";
    }

    public async Task<IReadOnlyList<UserView>> SearchAsync(string? email, int limit, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        List<UserEntity> users;
        if (string.IsNullOrWhiteSpace(email))
        {
            users = await db.Users.AsNoTracking().OrderByDescending(u => u.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
        }
        else
        {
            // An address that cannot be normalised matches nobody (no error: a search, not a lookup).
            var normalised = EmailAddress.TryNormalise(email);
            var index = normalised is null ? null : _directory.EmailIndex(normalised);
            users = index is null ? [] : await db.Users.AsNoTracking().Where(u => u.EmailIndex == index).ToListAsync(cancellationToken);
        }

        var ids = users.Select(u => u.Id).ToList();
        var grants = (await db.Grants.AsNoTracking().Where(g => ids.Contains(g.UserId)).OrderBy(g => g.Id).ToListAsync(cancellationToken)).ToLookup(g => g.UserId);
        await audit.AppendAsync(new AuditEvent("user.list", actor, null, "ok", new Dictionary<string, string>
        {
            ["filter"] = string.IsNullOrWhiteSpace(email) ? "none" : "email",
            ["count"] = users.Count.ToString(CultureInfo.InvariantCulture),
        }), cancellationToken);
        var now = time.GetUtcNow();
        return users.Select(u => UserView.From(u, grants[u.Id].Select(g => GrantView.From(g, u.Email)).ToList(), now)).ToList();
    }

    public async Task<UserView> GetAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new TiergateException(UserErrors.UnknownUser, $"No user has id {id}.");
        await audit.AppendAsync(new AuditEvent("user.read", actor, $"user:{user.Id}", "ok", new Dictionary<string, string>()), cancellationToken);
        return await ViewAsync(db, user, cancellationToken);
    }

    public Task<IReadOnlyList<VerificationView>> IdentityChecksAsync(long userId, CancellationToken cancellationToken = default) =>
        _verifications.ListAsync(userId, cancellationToken);
}
