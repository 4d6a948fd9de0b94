using Microsoft.Extensions.Time.Testing;
using Tiergate.Console.Auth;
using Tiergate.Console.Hosting;

namespace Tiergate.Console.IntegrationTests;

public sealed class SignInThrottleTests
{
    private static readonly ConsoleOptions Options = new(new Uri("http://console.test"), "unused")
    {
        SourceFailureLimit = 3,
        AccountFailuresBeforeDelay = 2,
        AccountDelay = TimeSpan.FromSeconds(1),
        MaxAccountDelay = TimeSpan.FromSeconds(4),
        ThrottleWindow = TimeSpan.FromMinutes(15),
    };

    [Fact]
    public void SourceRefused_AfterLimit_OnlyThatSourceAndOnlyForTheWindow()
    {
        var time = new FakeTimeProvider();
        var throttle = new SignInThrottle(Options, time);

        for (var i = 0; i < 3; i++)
        {
            throttle.RecordFailure("203.0.113.9", $"victim{i}@example.org");
        }

        Assert.True(throttle.SourceRefused("203.0.113.9"));
        Assert.False(throttle.SourceRefused("198.51.100.7")); // the owner, elsewhere, is not refused
        time.Advance(TimeSpan.FromMinutes(16));
        Assert.False(throttle.SourceRefused("203.0.113.9"));
    }

    [Fact]
    public void AccountDelay_PastLimit_DoublesUpToTheCapAndNeverLocksAndSuccessClearsIt()
    {
        var throttle = new SignInThrottle(Options, new FakeTimeProvider());
        var delays = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            delays.Add(throttle.AccountDelay("Ada@Example.org"));
            throttle.RecordFailure($"198.51.100.{i}", "ada@example.org");
        }

        Assert.Equal(new[] { 0, 0, 1, 2, 4, 4 }.Select(s => TimeSpan.FromSeconds(s)), delays);
        throttle.RecordSuccess("ada@example.org");
        Assert.Equal(TimeSpan.Zero, throttle.AccountDelay("ada@example.org"));
    }

    [Fact]
    public void RecordFailure_ManyDistinctSourcesOverTime_MapsStayBounded()
    {
        var time = new FakeTimeProvider();
        var throttle = new SignInThrottle(Options, time);

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < SignInThrottle.SweepAbove; i++)
            {
                throttle.RecordFailure($"2001:db8::{round:x}:{i:x}", $"u{round}-{i}@example.org");
            }

            time.Advance(TimeSpan.FromMinutes(16));
        }

        throttle.RecordFailure("2001:db8::ffff", "last@example.org");
        Assert.True(throttle.Tracked.Sources <= SignInThrottle.SweepAbove + 1, $"{throttle.Tracked}");
        Assert.True(throttle.Tracked.Accounts <= SignInThrottle.SweepAbove + 1, $"{throttle.Tracked}");
    }
}
