namespace Tiergate.Storage.Retention;

/// <summary>One tier's cut-off instants: usage data older than <paramref name="UsageBefore"/>, closed alerts last changed before <paramref name="AlertsBefore"/>.</summary>
public sealed record TierCutoffs(DateTimeOffset UsageBefore, DateTimeOffset AlertsBefore);
