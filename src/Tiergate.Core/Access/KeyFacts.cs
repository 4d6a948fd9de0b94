using System.Net;

namespace Tiergate.Core.Access;

/// <summary>What the gateway knows about the presented API key.</summary>
public sealed record KeyFacts(
    string Id,
    long UserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    IReadOnlyList<IPNetwork> AllowedNetworks);
