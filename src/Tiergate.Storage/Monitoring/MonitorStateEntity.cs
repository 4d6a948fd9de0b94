namespace Tiergate.Storage.Monitoring;

/// <summary>
/// One subject's detector state (a user's places and baselines, a key's recent networks), so that detectors
/// pick up where they were after a restart. The data is JSON, encrypted at rest: it holds addresses and places.
/// </summary>
public sealed class MonitorStateEntity
{
    /// <summary><c>user:17</c>, <c>key:abcd…</c>.</summary>
    public required string Subject { get; set; }

    public string Data { get; set; } = "{}";

    public DateTimeOffset UpdatedAt { get; set; }
}
