using Microsoft.AspNetCore.Http;
using Tiergate.Core.Errors;
using Tiergate.Server.Telemetry;

namespace Tiergate.Server.Tests.Telemetry;

/// <summary>Which requests the metrics listener takes: by the local port they arrived on, never by their Host header.</summary>
public sealed class MetricsListenerTests
{
    [Fact]
    public void IsScrape_GetMetricsOnTheListenersPort_TrueElsewhereFalse()
    {
        var listener = MetricsListener.For(["9464"], ["http://0.0.0.0:8080"])!;

        Assert.True(listener.IsScrape(Request(9464, "GET", "/metrics")));
        Assert.False(listener.IsScrape(Request(9464, "POST", "/metrics")));
        Assert.False(listener.IsScrape(Request(9464, "GET", "/v1/models")));
        Assert.True(listener.Owns(Request(9464, "GET", "/v1/models")));
        Assert.False(listener.Owns(Request(8080, "GET", "/metrics")));
    }

    [Fact]
    public void IsScrape_PublicPortWithTheMetricsHostHeader_False()
    {
        var listener = MetricsListener.For(["http://127.0.0.1:9464"], ["http://0.0.0.0:8080"])!;
        var spoofed = Request(8080, "GET", "/metrics");
        spoofed.Request.Host = new HostString("127.0.0.1", 9464);

        Assert.False(listener.IsScrape(spoofed));
    }

    [Fact]
    public void For_NoUrls_Null() => Assert.Null(MetricsListener.For([], ["http://127.0.0.1:8080"]));

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("https://127.0.0.1:9464")]
    public void For_SharedPortOrMalformed_SettingsInvalid(string url)
    {
        var error = Assert.Throws<TiergateException>(() => MetricsListener.For([url], ["http://*:8080"]));

        Assert.Equal(ErrorCodes.SettingsInvalid, error.Code);
    }

    [Theory]
    [InlineData("9464", "http://127.0.0.1:9464", 9464)]
    [InlineData("http://0.0.0.0:9464/", "http://0.0.0.0:9464", 9464)]
    [InlineData("http://[::1]:9100", "http://[::1]:9100", 9100)]
    [InlineData("http://*:9100", "http://*:9100", 9100)]
    public void Parse_Accepted_NormalisedWithItsPort(string text, string url, int port)
    {
        var address = MetricsAddress.Parse(text, out var problem);

        Assert.Null(problem);
        Assert.Equal(new MetricsAddress(url, port), address);
    }

    private static DefaultHttpContext Request(int localPort, string method, string path)
    {
        var context = new DefaultHttpContext();
        context.Connection.LocalPort = localPort;
        context.Request.Method = method;
        context.Request.Path = path;
        return context;
    }
}
