using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Grants;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Users;

/// <summary>User administration on the Tiergate database.</summary>
public sealed class UserAdministration(TiergateDatabase database, PolicyDocument policy, IAuditLog audit, TimeProvider time) : IUserAdministration
{
    private readonly AccountDirectory _directory = new(database);

    public async Task<UserView> AddAsync(string email, string? name, string? organisation, IdentityLevel identity, string actor, CancellationToken cancellationToken = default)
    {
        var normalised = EmailAddress.Normalise(email);
        var index = _directory.EmailIndex(normalised);
        await using var db = database.CreateContext();
        if (await db.Users.AnyAsync(u => u.EmailIndex == index, cancellationToken))
        {
            throw new TiergateException(UserErrors.UserExists, $"A user with email '{normalised}' already exists.");
        }

        var now = time.GetUtcNow();
        var user = new UserEntity { Email = normalised, EmailIndex = index, Name = name, Organisation = organisation, IdentityLevel = (int)identity, CreatedAt = now };
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);

        var grants = policy.Tiers.Where(t => t.AutoGrant).Select(tier => NewGrant.For(user.Id, tier, null, "auto", now)).ToList();
        db.Grants.AddRange(grants);
        await db.SaveChangesAsync(cancellationToken);

        await audit.AppendAsync(new AuditEvent("user.create", actor, $"user:{user.Id}", "ok", new Dictionary<string, string>
        {
            ["identity"] = AccountDirectory.IdentityName(identity),
            ["auto_grants"] = string.Join(',', grants.Select(g => g.Tier)),
        }), cancellationToken);
        return UserView.From(user, grants.Select(g => GrantView.From(g, normalised)).ToList());
    }
}
