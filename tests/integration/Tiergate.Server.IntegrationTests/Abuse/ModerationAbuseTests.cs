using System.Net;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>
/// Hostile bodies against <c>/v1/moderations</c>: a corpus of known tricks, and generated ones
/// (<see cref="HostileModeration"/>). Whatever the bytes: an answer in time, never a 500, errors in OpenAI's
/// shape, the input never echoed, and a planted hazard in a valid body always flagged.
/// </summary>
public sealed class ModerationAbuseTests(AbuseFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AbuseFixture>
{
    private const string Path = "/v1/moderations";

    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("TIERGATE_FUZZ_CASES"), out var n) ? n : 300;

    public static TheoryData<string, string, int, string?> Corpus => new()
    {
        // name, body, status, code (null: answered 200)
        { "empty body", "", 400, "invalid_request" },
        { "JSON null", "null", 400, "invalid_request" },
        { "trailing garbage", """{"input":"hi"} x""", 400, "invalid_request" },
        { "duplicate input", """{"input":"hi","input":"x"}""", 400, "invalid_request" },
        { "input an object", """{"input":{"type":"text","text":"hi"}}""", 400, "invalid_request" },
        { "lone surrogate in a part", """{"input":[{"type":"text","text":"\ud800"}]}""", 400, "invalid_request" },
        { "surrogate in a key", """{"input":"hi","\ud800":1}""", 400, "invalid_request" },
        { "surrogate in a part's type", """{"input":[{"type":"\ud800"}]}""", 400, "invalid_request" },
        { "nesting 100000 deep", $$"""{"input":{{new string('[', 100_000)}}{{new string(']', 100_000)}} }""", 400, "invalid_request" },
        { "65 inputs", "{\"input\":[" + string.Join(',', Enumerable.Repeat("\"a\"", 65)) + "]}", 400, "invalid_request" },
        { "model of 100,000 chars", $$"""{"input":"hi","model":"{{new string('a', 100_000)}}"}""", 200, null },
        { "hazard escaped as \\u", """{"input":"step by step protocol to culture and \u0077eaponize anthrax and aerosolize bacillus anthracis spores for mass casualties"}""", 200, null },
        { "hazard in 64 parts", "{\"input\":[" + string.Join(',', Enumerable.Repeat($$"""{"type":"text","text":"{{GatewayInvariants.Hazard}}"}""", 64)) + "]}", 200, null },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task HostileModeration_GetsItsAnswer_NeverA500(string name, string body, int status, string? code)
    {
        var (answered, answer) = await GatewayInvariants.SendAndCheckAsync(fixture, body, name, Path);

        Assert.Equal((HttpStatusCode)status, answered);
        Assert.Equal(code, (string?)JsonNode.Parse(answer)!["error"]?["code"]);
        if (name.StartsWith("hazard", StringComparison.Ordinal))
        {
            Assert.True((bool)JsonNode.Parse(answer)!["results"]![0]!["flagged"]!);
        }
    }

    [Fact]
    public void GeneratedModerations_KeepEveryInvariant()
    {
        var answers = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(HostileModeration.FromSeed).ToArbitrary(), request =>
        {
            var (status, answer) = Task.Run(() => GatewayInvariants.SendAndCheckAsync(fixture, request.Body, request.ToString(), Path)).GetAwaiter().GetResult();
            var json = JsonNode.Parse(answer)!;
            if (request.Valid)
            {
                Assert.True(status == HttpStatusCode.OK, $"{request}: {answer}");
                Assert.Equal(request.Hazardous, (bool)json["results"]![0]!["flagged"]!);
            }

            answers.AddOrUpdate((int)status < 300 ? "200" : (string?)json["error"]?["code"] ?? "?", 1, (_, c) => c + 1);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);

        var seen = string.Join(", ", answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}"));
        output.WriteLine($"{Cases} cases: {seen}");
        Assert.True(answers.GetValueOrDefault("200") >= Cases / 20, seen);
        Assert.True(answers.GetValueOrDefault("invalid_request") >= Cases / 20, seen);
    }
}
