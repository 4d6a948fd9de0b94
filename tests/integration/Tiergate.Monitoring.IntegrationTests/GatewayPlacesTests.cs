using System.Net;
using System.Net.Http.Json;
using Tiergate.Core.Monitoring;
using Tiergate.Storage.Alerts;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Monitoring;
using Tiergate.Testing.Storage;

namespace Tiergate.Monitoring.IntegrationTests;

/// <summary>The gateway behind a trusted reverse proxy places each client with the real GeoIP databases, and the place detectors act on it.</summary>
public sealed class GatewayPlacesTests
{
    // Well-known addresses, one country each in the whois-based database: Google DNS (US), heise.de (DE), FDN's resolver (FR), a WIDE root server (JP).
    private static readonly string[] Addresses = ["8.8.8.8", "193.99.144.80", "80.67.169.12", "202.12.27.33"];

    [GeoIpFact]
    public async Task OneKey_FromFourCountriesBehindATrustedProxy_RaisesKeySharingWithGeoIpEvidence()
    {
        Assert.True(GeoIpDatabases.Present, GeoIpDatabases.MissingReason);
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite, trustedProxies: ["127.0.0.1"], places: GeoIpDatabases.Options);
        var email = await host.UserWithTiersAsync("general");
        var key = (await host.Admin.Keys.CreateAsync(email, 7, [], "test")).Key; // no allowlist: the clients are all over the world
        using var client = host.Client(key);

        foreach (var address in Addresses)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Chat.Body("standard", text: "What is the capital of Peru?")) };
            request.Headers.Add("X-Forwarded-For", address);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var alert = (await AlertWait.ForAsync(host.Service<AlertStore>(), DetectorCatalogue.KeySharing))[0];
        Assert.Equal("GeoIP", alert.Evidence["places"]);
        Assert.True(alert.Evidence["countries"].Split(',').Length >= 3, alert.Evidence["countries"]);
        Assert.Equal(key[3..15], alert.KeyId);
    }

}
