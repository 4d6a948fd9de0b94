namespace Tiergate.Storage.Policies;

/// <summary>One stored policy version, as read back.</summary>
public sealed record StoredPolicy(long Version, string Hash, string Text, DateTimeOffset AppliedAt, string AppliedBy);
