namespace Tiergate.Monitoring.Detectors.State;

/// <summary>Where and when a user's last request with a located address came from, for impossible travel.</summary>
public sealed class LastPlace
{
    public double Latitude { get; set; }

    public double Longitude { get; set; }

    public string? Country { get; set; }

    public long? Asn { get; set; }

    public required string Precision { get; set; }

    public DateTimeOffset At { get; set; }
}
