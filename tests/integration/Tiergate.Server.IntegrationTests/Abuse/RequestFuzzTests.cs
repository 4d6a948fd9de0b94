using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>
/// Generated hostile requests (<see cref="HostileRequest"/>) against the real server: whatever the bytes,
/// an answer in time, never a 500, errors in OpenAI's shape, and a planted hazard reaching neither the
/// upstream nor the client. A failure prints the case's seed; <c>HostileRequest.FromSeed(seed)</c> rebuilds it.
/// Set TIERGATE_FUZZ_CASES for a longer run than CI's.
/// </summary>
public sealed class RequestFuzzTests(AbuseFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<AbuseFixture>
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("TIERGATE_FUZZ_CASES"), out var n) ? n : 300;

    public static Arbitrary<HostileRequest> Requests() =>
        Gen.Choose(0, int.MaxValue).Select(HostileRequest.FromSeed).ToArbitrary();

    [Fact]
    public void GeneratedRequests_KeepEveryInvariant()
    {
        // Run as a plain check so the case count follows TIERGATE_FUZZ_CASES; each case blocks on its own request.
        var answers = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var property = Prop.ForAll(Requests(), request =>
        {
            var (status, answer) = Task.Run(() => GatewayInvariants.SendAndCheckAsync(fixture, request.Body, request.ToString())).GetAwaiter().GetResult();
            answers.AddOrUpdate(Outcome(status, answer), 1, (_, n) => n + 1);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);

        // The generator must reach every stage, not stop at the parser: some requests forwarded, some blocked, some refused.
        var seen = string.Join(", ", answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value}"));
        output.WriteLine($"{Cases} cases: {seen}");
        Assert.True(answers.GetValueOrDefault("200") >= Cases / 20, seen);
        Assert.True(answers.GetValueOrDefault("content_blocked") >= Cases / 20, seen);
        Assert.True(answers.GetValueOrDefault("invalid_request") >= Cases / 20, seen);
    }

    private static string Outcome(System.Net.HttpStatusCode status, string answer)
    {
        if ((int)status < 300)
        {
            return ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return (string?)System.Text.Json.Nodes.JsonNode.Parse(answer)?["error"]?["code"] ?? "?";
    }
}
