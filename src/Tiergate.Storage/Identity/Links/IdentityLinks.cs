namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// An account's cluster (itself included, first) with, for each account, the identifiers that link it; and the
/// accounts only weakly linked to it (shared device, network, a family phone) that score at least
/// <see cref="LinkWeights.PossibleThreshold"/>, best first.
/// </summary>
/// <param name="ClusterId">The cluster's label, or null when the account is alone.</param>
public sealed record IdentityLinks(long UserId, string Email, long? ClusterId, IReadOnlyList<LinkedAccount> Cluster, IReadOnlyList<LinkedAccount> Possible);
