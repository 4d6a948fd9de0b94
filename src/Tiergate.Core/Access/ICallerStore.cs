using System.Net;

namespace Tiergate.Core.Access;

/// <summary>
/// What the gateway reads to decide one request: the key (with its stored HMAC), its owner and the
/// owner's live grants. Read on every request with no cache that could serve a revoked key, so a
/// revocation holds from the next request on, on every instance. Every implementation passes the
/// same contract tests.
/// </summary>
public interface ICallerStore
{
    /// <summary>The caller behind key <paramref name="keyId"/> and the key's stored hash; null when no key has that id.</summary>
    Task<(CallerContext Caller, byte[] Hash)?> FindAsync(string keyId, IPAddress? client, CancellationToken cancellationToken);
}
