using System.Net;
using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.Tests.Places;

/// <summary>Range lookup by binary search, IPv4 and IPv6, from CSV files the test writes.</summary>
public sealed class AsnTableTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tiergate-asn-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private AsnTable Load(string ipv4, string ipv6, out int bad)
    {
        File.WriteAllText(Path.Combine(_directory, "asn-ipv4.csv"), ipv4);
        File.WriteAllText(Path.Combine(_directory, "asn-ipv6.csv"), ipv6);
        return AsnTable.Load(PlaceOptions.AsnFileNames.Select(n => Path.Combine(_directory, n)), out bad);
    }

    // Deliberately out of order: the table sorts.
    private const string Ipv4 = "8.8.8.0,8.8.8.255,15169,Google LLC\n1.1.1.0,1.1.1.255,13335,\"Cloudflare, Inc.\"\n1.0.4.0,1.0.7.255,38803,Gtelecom\nbroken line\n";
    private const string Ipv6 = "2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC\n2606:4700::,2606:4700:ffff:ffff:ffff:ffff:ffff:ffff,13335,\"Cloudflare, Inc.\"\n";

    [Theory]
    [InlineData("8.8.8.8", 15169L)]
    [InlineData("1.1.1.1", 13335L)]
    [InlineData("1.0.4.0", 38803L)]      // first address of a range
    [InlineData("1.0.7.255", 38803L)]    // last address of a range
    [InlineData("2001:4860:4860::8888", 15169L)]
    [InlineData("2606:4700:4700::1111", 13335L)]
    [InlineData("::ffff:8.8.4.4", null)] // mapped IPv4, looked up as 8.8.4.4: in no range
    [InlineData("::ffff:8.8.8.8", 15169L)]
    public void Find_AddressInOrOutOfRanges_ReturnsTheRangesAsn(string address, long? expected)
    {
        var table = Load(Ipv4, Ipv6, out _);
        Assert.Equal(expected, table.Find(IPAddress.Parse(address))?.Asn);
    }

    [Theory]
    [InlineData("1.0.8.0")]       // just after a range
    [InlineData("1.0.3.255")]     // just before
    [InlineData("0.0.0.1")]       // before every range
    [InlineData("255.255.255.255")]
    [InlineData("2001:4861::1")]
    [InlineData("::1")]
    public void Find_AddressInAGap_IsNull(string address)
    {
        var table = Load(Ipv4, Ipv6, out _);
        Assert.Null(table.Find(IPAddress.Parse(address)));
    }

    [Fact]
    public void Load_QuotedOrganizationAndBadLine_OrganizationUnquotedBadLineCounted()
    {
        var table = Load(Ipv4, Ipv6, out var bad);
        Assert.Equal(1, bad);
        Assert.Equal(5, table.Count);
        Assert.Equal("Cloudflare, Inc.", table.Find(IPAddress.Parse("1.1.1.1"))?.Organization);
    }

    [Fact]
    public void Find_Ipv4AndIpv6Tables_AreSeparate()
    {
        // 0.0.0.8 and ::8 are the same number; only the IPv4 one is in a range.
        var table = Load("0.0.0.0,0.0.0.255,1,V4\n", "", out _);
        Assert.Equal(1, table.Find(IPAddress.Parse("0.0.0.8"))?.Asn);
        Assert.Null(table.Find(IPAddress.Parse("::8")));
    }
}
