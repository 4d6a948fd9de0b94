using Tiergate.Storage.Entities;

namespace Tiergate.Storage.Accounts.Grants;

public sealed record GrantView(long Id, string User, string Tier, DateTimeOffset GrantedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string GrantedBy)
{
    internal static GrantView From(GrantEntity g, string email) => new(g.Id, email, g.Tier, g.GrantedAt, g.ExpiresAt, g.RevokedAt, g.GrantedBy);
}
