namespace Tiergate.Monitoring.Places;

/// <summary>
/// Where an address is, as far as the databases know. <see cref="Precision"/> says how far to trust
/// <see cref="Latitude"/>/<see cref="Longitude"/> (<see cref="PlacePrecision"/>); <see cref="Reason"/>
/// explains an <see cref="PlacePrecision.Unknown"/> place or missing coordinates, in words a detector can show.
/// </summary>
public sealed record Place(string Precision)
{
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string? CountryCode { get; init; }

    public long? Asn { get; init; }

    public string? AsOrganization { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public string? Reason { get; init; }

    public bool HasCoordinates => Latitude is not null && Longitude is not null;

    public static Place Unknown(string reason) => new(PlacePrecision.Unknown) { Reason = reason };
}
