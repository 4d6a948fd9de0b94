using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.Tests.Places;

/// <summary>The reference-point table covers what docs/monitoring.md promises, with sane coordinates.</summary>
public sealed class CountryReferencePointsTests
{
    [Fact]
    public void TryGet_EveryEuropeanUnionMember_HasAPoint()
    {
        Assert.Equal(27, CountryReferencePoints.EuropeanUnion.Distinct().Count());
        Assert.All(CountryReferencePoints.EuropeanUnion, code => Assert.True(CountryReferencePoints.TryGet(code, out _, out _), code));
    }

    [Theory]
    [InlineData("CN")]
    [InlineData("IN")]
    [InlineData("US")]
    [InlineData("ID")]
    [InlineData("PK")]
    [InlineData("NG")]
    [InlineData("BR")]
    [InlineData("BD")]
    [InlineData("RU")]
    [InlineData("MX")]
    [InlineData("JP")]
    [InlineData("GB")]
    public void TryGet_MostPopulousCountries_HavePoints(string code)
    {
        Assert.True(CountryReferencePoints.TryGet(code, out _, out _));
    }

    [Fact]
    public void Count_CoversAtLeastSixtyPopulousCountriesPlusTheEu()
    {
        Assert.True(CountryReferencePoints.Count >= 85, $"only {CountryReferencePoints.Count} points");
    }

    [Fact]
    public void TryGet_EveryPoint_IsAValidCoordinateAndCodeIsTwoUpperLetters()
    {
        Assert.All(CountryReferencePoints.CountryCodes, code =>
        {
            Assert.Matches("^[A-Z]{2}$", code);
            Assert.True(CountryReferencePoints.TryGet(code, out var lat, out var lon));
            Assert.InRange(lat, -90, 90);
            Assert.InRange(lon, -180, 180);
        });
    }

    [Fact]
    public void TryGet_LowerCaseCode_FindsTheSamePoint()
    {
        Assert.True(CountryReferencePoints.TryGet("de", out var lat, out var lon));
        Assert.Equal((52.520, 13.405), (lat, lon));
    }

    [Fact]
    public void TryGet_UnlistedCode_IsFalse()
    {
        Assert.False(CountryReferencePoints.TryGet("ZZ", out _, out _));
    }

    [Fact]
    public void TryGet_BerlinToParis_CapitalsAreWhereTheyShouldBe()
    {
        CountryReferencePoints.TryGet("DE", out var lat1, out var lon1);
        CountryReferencePoints.TryGet("FR", out var lat2, out var lon2);
        Assert.InRange(GreatCircle.DistanceKm(lat1, lon1, lat2, lon2), 870, 885);
    }
}
