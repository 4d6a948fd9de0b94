namespace Tiergate.Storage.Policies;

/// <summary>
/// What <see cref="PolicyVersionStore.ApplyAsync"/> did: stored <see cref="Current"/> as a new version (<see cref="Stored"/>),
/// or found it already the newest (same hash) and stored nothing. <see cref="PreviousHash"/> is the newest hash before, null when none.
/// </summary>
public sealed record PolicyApplyResult(StoredPolicy Current, bool Stored, string? PreviousHash);
