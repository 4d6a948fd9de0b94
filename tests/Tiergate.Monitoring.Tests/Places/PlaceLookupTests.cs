using System.Net;
using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.Tests.Places;

/// <summary>Without a database every place is unknown, with a reason a detector can show.</summary>
public sealed class PlaceLookupTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiergate-places-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Lookup_NoDatabase_UnknownWithReasonNamingThePath()
    {
        var countryPath = Path.Combine(_directory, "missing.mmdb");
        using var lookup = new PlaceLookup(new PlaceOptions(countryPath, _directory));

        Assert.False(lookup.Available);
        Assert.Equal($"place-based detectors are off: no GeoIP database at {countryPath}", lookup.UnavailableReason);
        var place = lookup.Lookup(IPAddress.Parse("8.8.8.8"));
        Assert.Equal(PlacePrecision.Unknown, place.Precision);
        Assert.Equal(lookup.UnavailableReason, place.Reason);
        Assert.Null(place.CountryCode);
        Assert.False(place.HasCoordinates);
    }

    [Fact]
    public void Lookup_OnlyAsnCsvPresent_StillUnavailableButAsnLoaded()
    {
        File.WriteAllText(Path.Combine(_directory, "asn-ipv4.csv"), "8.8.8.0,8.8.8.255,15169,Google LLC\n");
        using var lookup = new PlaceLookup(new PlaceOptions(Path.Combine(_directory, "missing.mmdb"), _directory));

        Assert.False(lookup.Available);
        Assert.True(lookup.AsnAvailable);
        Assert.Equal(PlacePrecision.Unknown, lookup.Lookup(IPAddress.Parse("8.8.8.8")).Precision);
    }

    [Fact]
    public void Lookup_MissingCityDatabase_ReasonNamesBothPaths()
    {
        var country = Path.Combine(_directory, "c.mmdb");
        var city = Path.Combine(_directory, "GeoLite2-City.mmdb");
        using var lookup = new PlaceLookup(new PlaceOptions(country, _directory, city));
        Assert.Contains(country, lookup.UnavailableReason, StringComparison.Ordinal);
        Assert.Contains(city, lookup.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lookup_DamagedCountryDatabase_UnavailableWithUnreadableReason()
    {
        var countryPath = Path.Combine(_directory, "damaged.mmdb");
        File.WriteAllBytes(countryPath, new byte[4096]);
        using var lookup = new PlaceLookup(new PlaceOptions(countryPath, _directory));

        Assert.False(lookup.Available);
        Assert.Equal($"place-based detectors are off: unreadable GeoIP database at {countryPath}", lookup.UnavailableReason);
        Assert.Equal(PlacePrecision.Unknown, lookup.Lookup(IPAddress.Parse("8.8.8.8")).Precision);
    }

    [Fact]
    public void Default_GeoIpDirectoryVariable_PointsAtTheSetupScriptsFiles()
    {
        var before = Environment.GetEnvironmentVariable(PlaceOptions.DirectoryVariable);
        try
        {
            Environment.SetEnvironmentVariable(PlaceOptions.DirectoryVariable, _directory);
            var options = PlaceOptions.Default();
            Assert.Equal(Path.Combine(_directory, "geo-whois-asn-country.mmdb"), options.CountryDatabase);
            Assert.Equal(_directory, options.AsnDirectory);
            Assert.Null(options.CityDatabase);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PlaceOptions.DirectoryVariable, before);
        }
    }
}
