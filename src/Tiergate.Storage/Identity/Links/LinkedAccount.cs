namespace Tiergate.Storage.Identity.Links;

/// <summary>An account in a cluster (or possibly linked to one), with why.</summary>
/// <param name="Banned">The account is banned.</param>
/// <param name="Denied">The account has a denied application.</param>
/// <param name="Score">For a possible link: the sum of its evidence's weights; for a cluster member: 1.</param>
public sealed record LinkedAccount(long UserId, string Email, bool Banned, bool Denied, double Score, IReadOnlyList<LinkEvidence> Evidence);
