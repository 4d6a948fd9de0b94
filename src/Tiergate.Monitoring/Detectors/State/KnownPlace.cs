namespace Tiergate.Monitoring.Detectors.State;

/// <summary>A place (country and network) a user has been seen at, and when last.</summary>
public sealed class KnownPlace
{
    public string? Country { get; set; }

    public long? Asn { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
