namespace Tiergate.Monitoring.Places;

/// <summary>Distances on the Earth's surface, for impossible-travel checks.</summary>
public static class GreatCircle
{
    /// <summary>Mean Earth radius (IUGG), km.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Haversine distance in km between two points given in degrees; stable for small and antipodal distances.</summary>
    public static double DistanceKm(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var phi1 = ToRadians(latitude1);
        var phi2 = ToRadians(latitude2);
        var deltaPhi = ToRadians(latitude2 - latitude1);
        var deltaLambda = ToRadians(longitude2 - longitude1);
        var sinPhi = Math.Sin(deltaPhi / 2);
        var sinLambda = Math.Sin(deltaLambda / 2);
        var a = sinPhi * sinPhi + Math.Cos(phi1) * Math.Cos(phi2) * sinLambda * sinLambda;
        // Rounding can push a a hair above 1 for antipodes; clamp so Asin stays defined.
        return 2 * EarthRadiusKm * Math.Asin(Math.Sqrt(Math.Min(1.0, a)));
    }

    /// <summary>Distance between two places, or null when either lacks coordinates.</summary>
    public static double? DistanceKm(Place from, Place to) =>
        from.HasCoordinates && to.HasCoordinates
            ? DistanceKm(from.Latitude!.Value, from.Longitude!.Value, to.Latitude!.Value, to.Longitude!.Value)
            : null;

    private static double ToRadians(double degrees) => degrees * Math.PI / 180.0;
}
