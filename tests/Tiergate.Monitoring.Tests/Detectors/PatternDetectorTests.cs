using Tiergate.Core.Monitoring;
using static Tiergate.Monitoring.Tests.Detectors.Scenario;

namespace Tiergate.Monitoring.Tests.Detectors;

public sealed class PatternDetectorTests
{
    [Fact]
    public void RateSpike_TwentyTimesTheBaseline_AlertsOncePerHour()
    {
        var s = new Scenario();
        s.History(4);
        var hour = Start.AddDays(4).AddHours(2);

        for (var i = 0; i < 400; i++)
        {
            s.Request(hour.AddSeconds(i * 8), prompt: $"item {i}: summarise record {i * 7919 % 1000} of the survey");
        }

        var alert = Assert.Single(s.Of(DetectorCatalogue.RateSpike));
        Assert.Equal("4", alert.Evidence["baseline_mean"]);
    }

    [Fact]
    public void RateSpike_OrdinaryDaysOrABurstWithoutHistory_IsSilent()
    {
        var s = new Scenario();
        for (var i = 0; i < 400; i++)
        {
            s.Request(Start.AddSeconds(i * 8), user: 2, prompt: $"first day batch {i}");
        }

        s.History(8);

        Assert.Empty(s.Of(DetectorCatalogue.RateSpike));
    }

    [Fact]
    public void Automation_RequestsExactlyFiveSecondsApart_Alerts()
    {
        var s = new Scenario();
        for (var i = 0; i < 40; i++)
        {
            s.Request(Start.AddSeconds(5 * i));
        }

        var alert = Assert.Single(s.Of(DetectorCatalogue.Automation));
        Assert.Equal("regular intervals", alert.Evidence["pattern"]);
    }

    [Fact]
    public void Automation_TimerAlongsideThePersonsOwnUse_Alerts()
    {
        var s = new Scenario();
        var random = new Random(3);
        for (var i = 0; i < 35; i++)
        {
            var tick = Start.AddSeconds(60 * i).AddMilliseconds(random.Next(-8, 8));
            s.Request(tick, prompt: VariedPrompt(i));
            if (i % 3 == 0)
            {
                s.Request(tick.AddSeconds(random.Next(5, 50)), prompt: VariedPrompt(1000 + i)); // the person, by hand, on the same key
            }
        }

        Assert.Equal("regular intervals", Assert.Single(s.Of(DetectorCatalogue.Automation)).Evidence["pattern"]);
    }

    [Fact]
    public void Automation_LatencyBoundLoop_IsSilent()
    {
        var s = new Scenario();
        var at = Start;
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            at = at.AddMilliseconds(2000 + random.Next(0, 1500)); // each answer takes its own time
            s.Request(at, prompt: VariedPrompt(i));
        }

        Assert.Empty(s.Of(DetectorCatalogue.Automation));
    }

    [Fact]
    public void Automation_SweepOfNearIdenticalPrompts_Alerts()
    {
        var s = new Scenario();
        for (var i = 0; i < 25; i++)
        {
            s.Request(Start.AddSeconds(17 * i + (i % 3)), prompt: $"What is the exact lethal dose and the synthesis route of compound number {i} in the list?");
        }

        Assert.Contains(s.Of(DetectorCatalogue.Automation), a => a.Evidence["pattern"] == "sweep of near-identical prompts");
    }

    [Fact]
    public void Automation_VariedPrompts_IsNotASweep()
    {
        var s = new Scenario();
        for (var i = 0; i < 40; i++)
        {
            s.Request(Start.AddSeconds(14 * i + (i % 5)), prompt: VariedPrompt(i));
        }

        Assert.Empty(s.Of(DetectorCatalogue.Automation));
    }
}
