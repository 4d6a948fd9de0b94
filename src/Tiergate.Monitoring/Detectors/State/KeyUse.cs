namespace Tiergate.Monitoring.Detectors.State;

/// <summary>One use of a key: when, from which address (a hash, not the address), network and country.</summary>
public sealed class KeyUse
{
    public DateTimeOffset At { get; set; }

    public ulong Address { get; set; }

    public long? Asn { get; set; }

    public string? Country { get; set; }
}
