using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tiergate.Server.Shutdown;

namespace Tiergate.Server.Tests.Shutdown;

/// <summary>The drain's bookkeeping: which requests the deadline cuts, and when.</summary>
public sealed class ShutdownDrainTests
{
    [Fact]
    public void Begin_RequestsStillInFlightAtTheDeadline_OnlyThoseAreCut()
    {
        var time = new FakeTimeProvider();
        using var drain = new ShutdownDrain(time, TimeSpan.FromSeconds(30), NullLogger<ShutdownDrain>.Instance);
        var cut = new List<string>();
        var finished = drain.Enter(() => cut.Add("finished"));
        using var slow = drain.Enter(() => cut.Add("slow"));

        drain.Begin();
        finished.Dispose();
        time.Advance(TimeSpan.FromSeconds(29));
        var beforeDeadline = cut.Count;
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(drain.IsDraining);
        Assert.Equal(0, beforeDeadline);
        Assert.Equal(["slow"], cut);
        Assert.Equal((1, 0), (drain.Cut, drain.InFlight));
    }

    [Fact]
    public void Begin_NotCalled_NothingIsCutHoweverLongRequestsRun()
    {
        var time = new FakeTimeProvider();
        using var drain = new ShutdownDrain(time, TimeSpan.FromSeconds(1), NullLogger<ShutdownDrain>.Instance);
        var cut = 0;
        using var request = drain.Enter(() => cut++);

        time.Advance(TimeSpan.FromHours(1));

        Assert.False(drain.IsDraining);
        Assert.Equal((0, 1), (cut, drain.InFlight));
    }

    [Fact]
    public void Begin_CalledTwice_OneDeadlineFromTheFirstCall()
    {
        var time = new FakeTimeProvider();
        using var drain = new ShutdownDrain(time, TimeSpan.FromSeconds(10), NullLogger<ShutdownDrain>.Instance);
        var cut = 0;
        using var request = drain.Enter(() => cut++);

        drain.Begin();
        time.Advance(TimeSpan.FromSeconds(6));
        drain.Begin();
        time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(1, cut);
    }

    [Fact]
    public void Constructor_ZeroTimeout_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShutdownDrain(TimeProvider.System, TimeSpan.Zero, NullLogger<ShutdownDrain>.Instance));
}
