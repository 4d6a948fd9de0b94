namespace Tiergate.Monitoring.Places;

/// <summary>How exact a <see cref="Place"/>'s coordinates are. Detectors put it in their evidence.</summary>
public static class PlacePrecision
{
    /// <summary>Coordinates from a user-supplied GeoLite2 City-format database.</summary>
    public const string City = "city";

    /// <summary>Only the country is known; the coordinates are its <see cref="CountryReferencePoints"/> entry.</summary>
    public const string Country = "country";

    /// <summary>Nothing usable is known (no database, a private address, an address in no range).</summary>
    public const string Unknown = "unknown";
}
