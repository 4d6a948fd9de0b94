namespace Tiergate.Storage.Retention;

/// <summary>Rows one retention run removed of one kind of data for one tier.</summary>
/// <param name="Data">What was removed: <see cref="MonitoringRetention.TrafficBuckets"/>, <see cref="MonitoringRetention.MonitorState"/>, <see cref="MonitoringRetention.Responses"/> or <see cref="MonitoringRetention.Alerts"/>.</param>
/// <param name="Tier">The tier's name; <see cref="MonitoringRetention.OtherTiers"/> for data of tiers not in the policy (and alerts of none); <see cref="MonitoringRetention.AllTiers"/> for per-user state.</param>
public sealed record RetentionDeletion(string Data, string Tier, long Rows);
