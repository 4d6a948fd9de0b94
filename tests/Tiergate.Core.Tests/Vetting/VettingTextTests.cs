using Tiergate.Core.Vetting;

namespace Tiergate.Core.Tests.Vetting;

public sealed class VettingTextTests
{
    [Theory]
    [InlineData(null, true, "The use case is required.")]
    [InlineData("  ", true, "The use case is required.")]
    [InlineData(null, false, null)]
    [InlineData("<b>markup is kept</b>\nand escaped on display", true, null)]
    public void Check_EmptyOrMarkup_RequiredDecides(string? text, bool required, string? expected)
    {
        Assert.Equal(expected, VettingText.Check("The use case", text, 100, required));
    }

    [Theory]
    [InlineData("bell\u0007")]
    [InlineData("esc\u001b[2J")]
    [InlineData("rtl\u202Eoverride")]
    [InlineData("isolate\u2066x")]
    public void Check_ControlOrDirectionCharacter_Refused(string text)
    {
        var problem = VettingText.Check("The use case", text, 100, required: true);

        Assert.NotNull(problem);
        Assert.Contains("control or text-direction", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OverLong_SaysHowLongAndTheLimit()
    {
        var problem = VettingText.Check("The use case", new string('x', VettingText.MaxUseCaseLength + 1), VettingText.MaxUseCaseLength, required: true);

        Assert.Equal($"The use case is {VettingText.MaxUseCaseLength + 1} characters long; at most {VettingText.MaxUseCaseLength} are allowed.", problem);
    }

    [Theory]
    [InlineData("https://example.org/paper", true)]
    [InlineData("http://example.org", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("ftp://example.org/x", false)]
    [InlineData("example.org", false)]
    [InlineData("https://exa mple.org", false)]
    public void CheckLinks_OnlyAbsoluteHttpUrls(string link, bool ok)
    {
        Assert.Equal(ok, VettingText.CheckLinks([link]) is null);
    }

    [Fact]
    public void CheckLinks_TooMany_Refused()
    {
        var links = Enumerable.Range(0, VettingText.MaxLinks + 1).Select(i => $"https://example.org/{i}").ToList();

        Assert.NotNull(VettingText.CheckLinks(links));
        Assert.Null(VettingText.CheckLinks(links.Take(VettingText.MaxLinks).ToList()));
    }
}
