using Tiergate.Core.Access;

namespace Tiergate.Core.Tests;

/// <summary>Allowlist entries mean what a reader of them would think, or are refused.</summary>
public sealed class StrictNetworkTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7/32")]
    [InlineData("203.0.113.0/24", "203.0.113.0/24")]
    [InlineData("0.0.0.0/1", "0.0.0.0/1")]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("::1", "::1/128")]
    public void TryParse_PlainEntry_Accepted(string text, string canonical)
    {
        Assert.True(StrictNetwork.TryParse(text, out var network, out var problem), problem);
        Assert.Equal(canonical, network.ToString());
    }

    [Theory]
    [InlineData("0.0.0.0/0")]          // everything
    [InlineData("::/0")]               // everything
    [InlineData("010.0.0.1")]          // octal to IPAddress.Parse: 8.0.0.1
    [InlineData("0x7f.0.0.1")]         // hex
    [InlineData("2130706433")]         // a bare number: 127.0.0.1
    [InlineData("127.1")]              // short form
    [InlineData("10.0.0.1/8")]         // host bits set
    [InlineData("203.0.113.0/33")]
    [InlineData("203.0.113.0/024")]
    [InlineData("203.0.113.0/")]
    [InlineData("256.0.0.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("")]
    [InlineData("example.org")]
    public void TryParse_AmbiguousOrUnbounded_Refused(string text)
    {
        Assert.False(StrictNetwork.TryParse(text, out _, out var problem));
        Assert.NotEmpty(problem);
    }
}
