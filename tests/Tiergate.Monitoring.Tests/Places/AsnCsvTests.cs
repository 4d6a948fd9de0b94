using System.Net;
using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.Tests.Places;

/// <summary>The ip-location-db ASN CSV format: start,end,asn,organisation with RFC 4180 quoting.</summary>
public sealed class AsnCsvTests
{
    [Fact]
    public void ParseLine_PlainLine_ReadsEveryField()
    {
        var range = AsnCsv.ParseLine("1.0.4.0,1.0.7.255,38803,Gtelecom Pty Ltd");
        Assert.NotNull(range);
        Assert.Equal(IPAddress.Parse("1.0.4.0"), range.First);
        Assert.Equal(IPAddress.Parse("1.0.7.255"), range.Last);
        Assert.Equal(38803, range.Asn);
        Assert.Equal("Gtelecom Pty Ltd", range.Organization);
    }

    [Fact]
    public void ParseLine_QuotedOrganizationWithCommaAndQuote_Unquoted()
    {
        var range = AsnCsv.ParseLine("1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc. \"\"CF\"\"\"");
        Assert.Equal("Cloudflare, Inc. \"CF\"", range?.Organization);
    }

    [Fact]
    public void ParseLine_Ipv6Range_Parsed()
    {
        var range = AsnCsv.ParseLine("2001:4:112::,2001:4:112:ffff:ffff:ffff:ffff:ffff,112,DNS-OARC");
        Assert.Equal(112, range?.Asn);
    }

    [Theory]
    [InlineData("1.0.0.0,1.0.0.255,13335")]                       // too few fields
    [InlineData("1.0.0.0,1.0.0.255,13335,a,b")]                   // too many
    [InlineData("1.0.0.x,1.0.0.255,13335,Org")]                   // bad address
    [InlineData("1.0.0.0,::1,13335,Org")]                         // mixed families
    [InlineData("1.0.0.9,1.0.0.1,13335,Org")]                     // first after last
    [InlineData("1.0.0.0,1.0.0.255,-5,Org")]                      // bad ASN
    [InlineData("1.0.0.0,1.0.0.255,13335,\"unterminated")]        // open quote
    public void ParseLine_Malformed_IsNull(string line)
    {
        Assert.Null(AsnCsv.ParseLine(line));
    }

    [Fact]
    public void Read_BadAndBlankLines_SkippedAndCounted()
    {
        var text = "1.0.0.0,1.0.0.255,13335,A\n\nnonsense\n2.0.0.0,2.0.0.255,2,B\n";
        var bad = new List<int>();
        var ranges = AsnCsv.Read(new StringReader(text), bad.Add).ToList();
        Assert.Equal([13335L, 2L], ranges.Select(r => r.Asn));
        Assert.Equal([3], bad);
    }
}
