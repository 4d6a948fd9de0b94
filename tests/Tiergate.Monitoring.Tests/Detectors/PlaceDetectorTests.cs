using Tiergate.Core.Monitoring;
using Tiergate.Monitoring.Detectors;
using Tiergate.Monitoring.Places;
using static Tiergate.Monitoring.Tests.Detectors.Scenario;

namespace Tiergate.Monitoring.Tests.Detectors;

public sealed class PlaceDetectorTests
{
    [Fact]
    public void NewCountry_AfterHistory_AlertsWithWeightedSeverity()
    {
        var s = new Scenario();
        s.History(4);

        s.Request(Start.AddDays(4), place: Paris, agent: "curl/8.4.0");

        var alert = Assert.Single(s.Of(DetectorCatalogue.NewCountry));
        Assert.Equal(DetectionSeverity.Medium, alert.Severity);
        Assert.Equal("yes", alert.Evidence["client_new"]);
        Assert.Equal("plausible", alert.Evidence["travel_from_last_place"]);
        Assert.Equal("yes", alert.Evidence["asn_new"]);
        Assert.Equal("DE", alert.Evidence["known_countries"]);
        Assert.Contains("FR", alert.Evidence["seen"], StringComparison.Ordinal);
    }

    [Fact]
    public void NewCountry_StandardTier_IsLow()
    {
        var s = new Scenario();
        s.History(4, tier: "plain");

        s.Request(Start.AddDays(3).AddHours(8), tier: "plain", place: Tokyo); // an hour after the last request at home

        Assert.Equal(DetectionSeverity.Low, Assert.Single(s.Of(DetectorCatalogue.NewCountry)).Severity);
    }

    [Fact]
    public void NewCountry_TripWithTheUsualClient_IsLearntWithoutAnAlertUnlessTheTierSaysOtherwise()
    {
        var quiet = new Scenario();
        var loud = new Scenario();
        foreach (var (s, tier) in new[] { (quiet, "research"), (loud, "roaming") })
        {
            s.History(4, tier: tier);
            s.Request(Start.AddDays(4).AddHours(4), tier: tier, place: Tokyo); // the flight fits in the night
        }

        Assert.Empty(quiet.Of(DetectorCatalogue.NewCountry));
        Assert.Equal("plausible", Assert.Single(loud.Of(DetectorCatalogue.NewCountry)).Evidence["travel_from_last_place"]);
    }

    [Fact]
    public void NewCountry_DuringLearningOrKnownCountry_IsSilent()
    {
        var s = new Scenario();
        s.History(1);
        s.Request(Start.AddDays(1).AddHours(1), place: Paris);
        s.History(5);
        s.Request(Start.AddDays(5).AddHours(2), place: Potsdam);
        s.Request(Start.AddDays(6).AddHours(2), place: Paris);

        Assert.Empty(s.Of(DetectorCatalogue.NewCountry));
    }

    [Fact]
    public void ImpossibleTravel_BerlinThenNewYorkHalfAnHourLater_Alerts()
    {
        var s = new Scenario();
        s.History(4);
        s.Request(Start.AddDays(4), place: Berlin);

        s.Request(Start.AddDays(4).AddMinutes(30), place: NewYork);

        var alert = Assert.Single(s.Of(DetectorCatalogue.ImpossibleTravel));
        Assert.Equal(DetectionSeverity.High, alert.Severity);
        Assert.Equal("800", alert.Evidence["max_kmh"]);
        Assert.True(double.Parse(alert.Evidence["speed_kmh"], System.Globalization.CultureInfo.InvariantCulture) > 10_000);
        Assert.Equal("city coordinates", alert.Evidence["distance_basis"]);
    }

    [Fact]
    public void ImpossibleTravel_PlaneFlightShortHopOrKnownVpnExit_IsSilent()
    {
        var s = new Scenario();
        s.History(4);
        s.Request(Start.AddDays(1).AddHours(9), place: BerlinVpnExit); // learnt in the first days: the user's VPN exit
        s.Request(Start.AddDays(1).AddHours(9).AddMinutes(5), place: Berlin);
        s.Request(Start.AddDays(4), place: Potsdam); // 30 km: GeoIP noise
        s.Request(Start.AddDays(4).AddMinutes(1), place: Berlin);
        s.Request(Start.AddDays(4).AddMinutes(20), place: BerlinVpnExit); // known VPN exit
        s.Request(Start.AddDays(4).AddMinutes(25), place: Berlin);
        s.Request(Start.AddDays(4).AddHours(12), place: Tokyo); // 8,900 km in 11.5 h: a flight

        Assert.Empty(s.Of(DetectorCatalogue.ImpossibleTravel));
    }

    [Fact]
    public void ImpossibleTravel_CountryPrecision_SaysDistancesAreReferencePoints()
    {
        var s = new Scenario();
        var de = new Place(PlacePrecision.Country) { CountryCode = "DE", Latitude = 52.52, Longitude = 13.40 };
        var br = new Place(PlacePrecision.Country) { CountryCode = "BR", Latitude = -15.79, Longitude = -47.88 };
        s.History(4, place: de);

        s.Request(Start.AddDays(3).AddHours(8), place: br);

        var alert = Assert.Single(s.Of(DetectorCatalogue.ImpossibleTravel));
        Assert.StartsWith("country reference points", alert.Evidence["distance_basis"], StringComparison.Ordinal);
    }

    [Fact]
    public void PlaceDetectors_DisabledByTier_AreSilent()
    {
        var s = new Scenario();
        s.History(4, tier: "quiet");

        s.Request(Start.AddDays(4).AddMinutes(5), tier: "quiet", place: NewYork);

        Assert.Empty(s.Detections);
    }

    [Fact]
    public void PlaceDetectors_NoPlace_AreSilent()
    {
        var s = new Scenario();
        s.History(4);

        s.Request(Start.AddDays(4).AddMinutes(5), place: null);
        s.Request(Start.AddDays(4).AddMinutes(6), place: Place.Unknown("no database"));

        Assert.Empty(s.Detections);
    }

    [Fact]
    public void KeySharing_OneKeyFromFourCountriesWithinAnHour_Alerts()
    {
        var s = new Scenario();
        var at = Start.AddDays(1);
        s.Request(at, place: Berlin, address: "198.51.100.1");
        s.Request(at.AddMinutes(5), place: Paris, address: "192.0.2.7");
        s.Request(at.AddMinutes(10), place: NewYork, address: "203.0.113.9");
        s.Request(at.AddMinutes(15), place: Tokyo, address: "203.0.113.77");

        var alert = Assert.Single(s.Of(DetectorCatalogue.KeySharing));
        Assert.Equal("DE,FR,US", alert.Evidence["countries"]); // the third country is one more than max_countries
        Assert.Equal("GeoIP", alert.Evidence["places"]);
        Assert.Equal("k1", alert.KeyId);
    }

    [Fact]
    public void KeySharing_OfficeNatMobileChurnAndVpn_IsSilent()
    {
        var s = new Scenario();
        var at = Start.AddDays(1);
        for (var user = 1; user <= 30; user++)
        {
            s.Request(at.AddSeconds(user), user: user, key: $"k{user}", place: Berlin, address: "198.51.100.1"); // one office NAT, many users
        }

        for (var i = 0; i < 12; i++)
        {
            s.Request(at.AddMinutes(2 * i), user: 99, key: "mobile", place: Potsdam, address: $"100.64.0.{i}"); // carrier-grade NAT churn
        }

        s.Request(at.AddMinutes(30), user: 99, key: "mobile", place: BerlinVpnExit, address: "192.0.2.200"); // the user's VPN

        Assert.Empty(s.Of(DetectorCatalogue.KeySharing));
    }

    [Fact]
    public void KeySharing_NoGeoIp_CountsAddressesAndSaysSo()
    {
        var s = new Scenario();
        for (var i = 0; i < 25; i++)
        {
            s.Request(Start.AddMinutes(i), address: $"203.0.113.{i}");
        }

        var alert = Assert.Single(s.Of(DetectorCatalogue.KeySharing));
        Assert.StartsWith("off:", alert.Evidence["places"], StringComparison.Ordinal);
    }
}
