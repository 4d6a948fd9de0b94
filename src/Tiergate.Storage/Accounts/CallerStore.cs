using System.Net;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Access;
using Tiergate.Core.Policy;
using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts;

/// <summary>
/// Loads what the gateway needs to decide on one request. It reads the database on every request
/// (two indexed queries; EF caches their translation) so that a revocation made by the CLI or another gateway holds from the
/// next request on; there is deliberately no cache that could serve a revoked key.
/// </summary>
public sealed class CallerStore(TiergateDatabase database)
{
    public async Task<(CallerContext Caller, byte[] Hash)?> FindAsync(string keyId, IPAddress? client, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Id == keyId)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new KeyAndUser(k, u))
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var grants = await db.Grants.AsNoTracking()
            .Where(g => g.UserId == row.User.Id && g.RevokedAt == null)
            .Select(g => new GrantFacts(g.Tier, g.GrantedAt, g.ExpiresAt, g.RevokedAt))
            .ToListAsync(cancellationToken);

        return (new CallerContext(ToFacts(row.Key), ToFacts(row.User), grants, client), row.Key.Hash);
    }

    internal static KeyFacts ToFacts(ApiKeyEntity key) =>
        new(key.Id, key.UserId, key.CreatedAt, key.ExpiresAt, key.RevokedAt, Networks.Parse(key.AllowedNetworks));

    internal static UserFacts ToFacts(UserEntity user) =>
        new(user.Id, (IdentityLevel)user.IdentityLevel, user.MfaEnrolled, user.DisabledAt is not null);

    private sealed record KeyAndUser(ApiKeyEntity Key, UserEntity User);
}
