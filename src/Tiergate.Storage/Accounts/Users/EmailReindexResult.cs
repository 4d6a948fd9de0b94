namespace Tiergate.Storage.Accounts.Users;

/// <summary>What <see cref="IUserAdministration.ReindexEmailsAsync"/> found and changed.</summary>
/// <param name="Checked">Users read.</param>
/// <param name="Reindexed">Users whose stored email or blind index changed to the normalised form.</param>
/// <param name="Collisions">Normalised addresses held by more than one user; every such user is kept.</param>
/// <param name="Invalid">Users whose stored email the current rules refuse (left unchanged).</param>
public sealed record EmailReindexResult(int Checked, int Reindexed, IReadOnlyList<EmailCollision> Collisions, IReadOnlyList<long> Invalid);

/// <summary>
/// Several users whose addresses normalise to one. <paramref name="KeptUserId"/> now holds the
/// address's index (so look-ups by email find it); the others keep their old index, reachable by id
/// only, until an administrator decides. Nothing is merged.
/// </summary>
public sealed record EmailCollision(string Email, long KeptUserId, IReadOnlyList<long> UserIds);
