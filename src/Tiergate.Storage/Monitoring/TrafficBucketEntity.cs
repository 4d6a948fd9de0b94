namespace Tiergate.Storage.Monitoring;

/// <summary>One tier's traffic in one hour, for the console's charts: counts only, never who or what.</summary>
public sealed class TrafficBucketEntity
{
    public required string Tier { get; set; }

    /// <summary>The hour's start, UTC.</summary>
    public DateTimeOffset HourStart { get; set; }

    public long Requests { get; set; }

    public long Denied { get; set; }

    public long Blocked { get; set; }

    public long Flagged { get; set; }

    public long Tokens { get; set; }

    /// <summary>Distinct users seen in the hour (by the instance that wrote it): <c>aggregate</c> tiers show a bucket only at k or more.</summary>
    public int Users { get; set; }
}
