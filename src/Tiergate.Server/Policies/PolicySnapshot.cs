using Tiergate.Core.Policy;

namespace Tiergate.Server.Policies;

/// <summary>
/// One policy as a gateway runs it. A request reads the holder's snapshot once and uses only that, so it sees one
/// consistent policy however many reloads happen while it runs.
/// </summary>
/// <param name="Hash">SHA-256 of the canonical text (<see cref="PolicyText"/>); null for a policy given as an object (tests).</param>
/// <param name="Version">The stored version it is, or null when it was never stored (the built-in default, a test's policy).</param>
public sealed record PolicySnapshot(PolicyDocument Policy, string? Hash, long? Version);
