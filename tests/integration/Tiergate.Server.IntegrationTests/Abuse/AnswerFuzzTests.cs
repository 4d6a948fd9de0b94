using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>
/// Generated hostile upstream answers (<see cref="HostileAnswer"/>) relayed by the real server to a
/// general-tier caller: never a 500, an answer in time, and no field of what the client reassembles
/// holds the hazard, however the upstream split, framed or damaged it. A failure prints the seed.
/// </summary>
public sealed class AnswerFuzzTests(AbuseFixture fixture) : IClassFixture<AbuseFixture>
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("TIERGATE_FUZZ_CASES"), out var n) ? n : 300;

    [Fact]
    public void GeneratedAnswers_NeverDeliverTheHazard()
    {
        var upstream = fixture.Host.Upstream;
        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).Select(HostileAnswer.FromSeed).ToArbitrary(), answer =>
        {
            upstream.RawAnswer = answer.Stream ? null : answer.Body;
            upstream.RawStream = answer.Stream ? answer.Body : null;
            var request = $$"""{"model":"standard","messages":[{"role":"user","content":"hi"}],"stream":{{(answer.Stream ? "true" : "false")}}}""";
            var (_, received) = Task.Run(() => GatewayInvariants.SendAndCheckAsync(fixture, Encoding.UTF8.GetBytes(request), answer.Describe)).GetAwaiter().GetResult();

            var leaked = ClientView.Texts(received, answer.Stream).FirstOrDefault(t => t.Contains(GatewayInvariants.Hazard, StringComparison.Ordinal));
            Assert.True(leaked is null, $"The client reassembles the hazard for {answer.Describe}: {received}");
        });

        try
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
        }
        finally
        {
            upstream.RawAnswer = null;
            upstream.RawStream = null;
        }
    }
}
