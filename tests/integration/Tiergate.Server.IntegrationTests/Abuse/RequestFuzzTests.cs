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
public sealed class RequestFuzzTests(AbuseFixture fixture) : IClassFixture<AbuseFixture>
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("TIERGATE_FUZZ_CASES"), out var n) ? n : 300;

    public static Arbitrary<HostileRequest> Requests() =>
        Gen.Choose(0, int.MaxValue).Select(HostileRequest.FromSeed).ToArbitrary();

    [Fact]
    public void GeneratedRequests_KeepEveryInvariant()
    {
        // Run as a plain check so the case count follows TIERGATE_FUZZ_CASES; each case blocks on its own request.
        var property = Prop.ForAll(Requests(), request =>
            Task.Run(() => GatewayInvariants.SendAndCheckAsync(fixture, request.Body, request.ToString())).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);
    }
}
