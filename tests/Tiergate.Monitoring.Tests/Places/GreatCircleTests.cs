using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.Tests.Places;

/// <summary>Haversine distances against known values.</summary>
public sealed class GreatCircleTests
{
    [Fact]
    public void DistanceKm_LondonToParis_IsAbout344()
    {
        var km = GreatCircle.DistanceKm(51.507, -0.128, 48.857, 2.352);
        Assert.InRange(km, 340, 348);
    }

    [Fact]
    public void DistanceKm_NewYorkToLosAngeles_IsAbout3936()
    {
        var km = GreatCircle.DistanceKm(40.7128, -74.0060, 34.0522, -118.2437);
        Assert.InRange(km, 3925, 3945);
    }

    [Fact]
    public void DistanceKm_SamePoint_IsZero()
    {
        Assert.Equal(0, GreatCircle.DistanceKm(12.5, 45.25, 12.5, 45.25), 9);
    }

    [Fact]
    public void DistanceKm_Antipodes_IsHalfTheCircumference()
    {
        var km = GreatCircle.DistanceKm(0, 0, 0, 180);
        Assert.Equal(Math.PI * GreatCircle.EarthRadiusKm, km, 3);
    }

    [Fact]
    public void DistanceKm_AcrossTheDateLine_TakesTheShortWay()
    {
        var km = GreatCircle.DistanceKm(0, 179.5, 0, -179.5);
        Assert.InRange(km, 110, 112);
    }

    [Fact]
    public void DistanceKm_Swapped_IsSymmetric()
    {
        Assert.Equal(GreatCircle.DistanceKm(-33.9, 151.2, 35.7, 139.7), GreatCircle.DistanceKm(35.7, 139.7, -33.9, 151.2), 9);
    }

    [Fact]
    public void DistanceKm_PlaceWithoutCoordinates_IsNull()
    {
        var known = new Place(PlacePrecision.Country) { Latitude = 1, Longitude = 2 };
        Assert.Null(GreatCircle.DistanceKm(known, Place.Unknown("no database")));
        Assert.NotNull(GreatCircle.DistanceKm(known, known));
    }
}
