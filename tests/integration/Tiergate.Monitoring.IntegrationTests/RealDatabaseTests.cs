using System.Net;
using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.IntegrationTests;

/// <summary>Well-known addresses against the databases scripts/setup-geoip fetched.</summary>
public sealed class RealDatabaseTests(PlaceLookupFixture fixture) : IClassFixture<PlaceLookupFixture>
{
    private PlaceLookup Places
    {
        get
        {
            Assert.True(fixture.Lookup.Available, GeoIpDatabases.MissingReason);
            Assert.True(fixture.Lookup.AsnAvailable, GeoIpDatabases.MissingReason);
            return fixture.Lookup;
        }
    }

    [GeoIpFact]
    public void Lookup_GooglePublicDns_UsAs15169AtTheUsReferencePoint()
    {
        var place = Places.Lookup(IPAddress.Parse("8.8.8.8"));
        Assert.Equal("US", place.CountryCode);
        Assert.Equal(15169, place.Asn);
        Assert.Contains("Google", place.AsOrganization, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(PlacePrecision.Country, place.Precision);
        CountryReferencePoints.TryGet("US", out var lat, out var lon);
        Assert.Equal((lat, lon), (place.Latitude, place.Longitude));
        Assert.Contains("reference point", place.Reason, StringComparison.Ordinal);
    }

    [GeoIpFact]
    public void Lookup_CloudflareDns_As13335()
    {
        var place = Places.Lookup(IPAddress.Parse("1.1.1.1"));
        Assert.Equal(13335, place.Asn);
        Assert.Contains("Cloudflare", place.AsOrganization, StringComparison.OrdinalIgnoreCase);
    }

    [GeoIpFact]
    public void Lookup_GooglePublicDnsOverIpv6_UsAs15169()
    {
        var place = Places.Lookup(IPAddress.Parse("2001:4860:4860::8888"));
        Assert.Equal("US", place.CountryCode);
        Assert.Equal(15169, place.Asn);
    }

    [GeoIpFact]
    public void Lookup_CloudflareDnsOverIpv6_As13335()
    {
        Assert.Equal(13335, Places.Lookup(IPAddress.Parse("2606:4700:4700::1111")).Asn);
    }

    [GeoIpFact]
    public void Lookup_Ipv4MappedIpv6_SameAsTheIpv4Address()
    {
        var mapped = Places.Lookup(IPAddress.Parse("::ffff:8.8.8.8"));
        Assert.Equal(Places.Lookup(IPAddress.Parse("8.8.8.8")), mapped);
    }

    [GeoIpFact]
    public void Lookup_GermanTelekomAddress_DeAtBerlin()
    {
        // 80.128.0.0/11 is Deutsche Telekom (AS3320), registered in Germany.
        var place = Places.Lookup(IPAddress.Parse("80.130.1.1"));
        Assert.Equal("DE", place.CountryCode);
        Assert.Equal(3320, place.Asn);
        Assert.Equal(52.520, place.Latitude);
    }

    [GeoIpFact]
    public void Lookup_PrivateAndLoopbackAddresses_Unknown()
    {
        foreach (var address in new[] { "10.1.2.3", "192.168.0.10", "172.16.5.4", "127.0.0.1", "::1", "fd00::1", "fe80::1" })
        {
            var place = Places.Lookup(IPAddress.Parse(address));
            Assert.Equal(PlacePrecision.Unknown, place.Precision);
            Assert.Null(place.CountryCode);
            Assert.Null(place.Asn);
            Assert.False(string.IsNullOrEmpty(place.Reason), address);
        }
    }
}
