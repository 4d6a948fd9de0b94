using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Places;
using Tiergate.Monitoring.Replay;

namespace Tiergate.Monitoring.Tests.Replay;

public sealed class ReplayReaderTests
{
    [Fact]
    public void Read_DocumentedLine_GivesEventPlaceAndPrompt()
    {
        const string line = """{"at":"2026-11-01T08:00:00Z","kind":"request.admitted","user":17,"key":"k17a","tier":"safety-research","variant":"reduced-refusal","ip":"203.0.113.7","ua":"python-openai/1.50","prompt_tokens":120,"latency_ms":900,"prompt":"hello","country":"de","asn":3320,"lat":52.52,"lon":13.4,"scenario":"ignored"}""";

        var read = Assert.Single(ReplayReader.Read(new StringReader(line)));

        Assert.Equal(UsageEventKinds.Admitted, read.Event.Kind);
        Assert.Equal(17, read.Event.UserId);
        Assert.Equal("k17a", read.Event.KeyId);
        Assert.Equal("203.0.113.7", read.Event.ClientAddress);
        Assert.Equal(TimeSpan.FromMilliseconds(900), read.Event.Latency);
        Assert.Equal("hello", read.Prompt);
        Assert.Equal(PlacePrecision.City, read.Place!.Precision);
        Assert.Equal("DE", read.Place.CountryCode);
        Assert.Equal(3320, read.Place.Asn);
    }

    [Fact]
    public void Read_CountryOnly_UsesTheReferencePoint()
    {
        var read = Assert.Single(ReplayReader.Read(new StringReader("""{"at":"2026-11-01T08:00:00Z","kind":"request.admitted","country":"BR"}""")));

        Assert.Equal(PlacePrecision.Country, read.Place!.Precision);
        Assert.True(read.Place.HasCoordinates);
    }

    [Theory]
    [InlineData("not json", "line 2: not JSON")]
    [InlineData("[1,2]", "line 2: expected a JSON object")]
    [InlineData("""{"kind":"request.admitted"}""", "line 2: 'at' is required")]
    [InlineData("""{"at":"yesterday","kind":"request.admitted"}""", "line 2: 'at' must be an ISO 8601 time")]
    [InlineData("""{"at":"2026-11-01T09:00:00Z","kind":"drop tables"}""", "line 2: 'kind' must be one of")]
    [InlineData("""{"at":"2026-11-01T09:00:00Z","kind":"request.admitted","user":"17"}""", "line 2: 'user' must be an integer")]
    [InlineData("""{"at":"2026-11-01T09:00:00Z","kind":"request.admitted","user":1e400}""", "line 2: 'user' must be an integer")]
    [InlineData("""{"at":"2026-11-01T09:00:00Z","kind":"request.admitted","lat":52}""", "line 2: 'lat' and 'lon' come together")]
    [InlineData("""{"at":"2026-11-01T09:00:00Z","kind":"request.admitted","lat":91,"lon":0}""", "line 2: 'lat' and 'lon' come together")]
    [InlineData("""{"at":"2026-11-01T07:00:00Z","kind":"request.admitted"}""", "line 2: 'at' is earlier")]
    public void Read_BadSecondLine_NamesTheLineAndTheField(string second, string expected)
    {
        var text = """{"at":"2026-11-01T08:00:00Z","kind":"request.admitted"}""" + "\n" + second + "\n";

        var e = Assert.Throws<ReplayFormatException>(() => ReplayReader.Read(new StringReader(text)).ToList());

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HostileLines_OnlyEverFailWithAFormatError()
    {
        var random = new Random(20261206);
        string[] pieces = ["{", "}", "\"at\":", "\"kind\":", "\"request.admitted\"", "\"2026-11-01T08:00:00Z\"", ",", "\"user\":", "-1", "1e308", "null", "[", "]", "\"\\u0000\"", "\"lat\":", "NaN", "\"ip\":", "\"::ffff:1.2.3.4\"", "\u202e", "\"𝔘\""];
        for (var i = 0; i < 5_000; i++)
        {
            var line = string.Concat(Enumerable.Range(0, random.Next(1, 16)).Select(_ => pieces[random.Next(pieces.Length)]));
            try
            {
                _ = ReplayReader.Read(new StringReader(line)).ToList();
            }
            catch (ReplayFormatException)
            {
                // The only acceptable failure.
            }
        }
    }
}
