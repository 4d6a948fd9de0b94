using Tiergate.Bench.Monitoring.Scoring;
using Tiergate.Bench.Monitoring.Simulation;

namespace Tiergate.Bench.Monitoring.Tests;

public sealed class ScorerTests
{
    private static readonly DateTime Start = new(2026, 10, 5, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Slack = TimeSpan.FromHours(2);

    private static LabelsFile Labels() => new(1, 100, 10, 3, Start, null!,
    [
        new Label("new_country:01", "new_country", "stolen-key", 7, "k7", "general", Start.AddDays(5).AddHours(10), Start.AddDays(5).AddHours(11), ""),
        new Label("automation:01", "automation", "regular", 9, "k9", "general", Start.AddDays(6).AddHours(10), Start.AddDays(6).AddHours(10.5), ""),
    ]);

    [Fact]
    public void Score_AlertOfTheDetectorForTheUserWithinWindowPlusSlack_Caught()
    {
        var report = Scorer.Score(Labels(), [new Alert("new_country", 7, "k7", Start.AddDays(5).AddHours(12.5))], Slack);
        var row = report.Detectors.Single(d => d.Detector == "new_country");
        Assert.Equal((1, 1, 1.0, 0), (row.Planted, row.Caught, row.Recall, row.FalseAlerts));
        Assert.Equal(["automation:01"], report.Detectors.Single(d => d.Detector == "automation").Missed);
    }

    [Fact]
    public void Score_AlertAfterTheSlack_MissAndFalseAlert()
    {
        var report = Scorer.Score(Labels(), [new Alert("new_country", 7, "k7", Start.AddDays(5).AddHours(13.5))], Slack);
        var row = report.Detectors.Single(d => d.Detector == "new_country");
        Assert.Equal((0, 1), (row.Caught, row.FalseAlerts));
    }

    [Fact]
    public void Score_OtherDetectorInsideAWindow_NeitherCaughtNorFalse()
    {
        var report = Scorer.Score(Labels(), [new Alert("impossible_travel", 7, "k7", Start.AddDays(5).AddHours(10.2))], Slack);
        Assert.Equal(0, report.Total.FalseAlerts);
        Assert.Equal(0, report.Total.Caught);
        Assert.Equal(1, report.AlertsInOtherScenarios);
    }

    [Fact]
    public void Score_WrongUserOrWarmup_FalseOrIgnored()
    {
        var report = Scorer.Score(Labels(),
        [
            new Alert("new_country", 8, "k8", Start.AddDays(5).AddHours(10.2)),
            new Alert("rate_spike", 3, "k3", Start.AddDays(1)),
            new Alert("key_sharing", null, "k40b", Start.AddDays(8)),
        ], Slack);
        Assert.Equal(1, report.Detectors.Single(d => d.Detector == "new_country").FalseAlerts);
        Assert.Equal(1, report.Detectors.Single(d => d.Detector == "key_sharing").FalseAlerts);
        Assert.Equal(1, report.WarmupAlerts);
        Assert.Equal(2, report.FalseAlertsByTier["(none)"]);
        // 100 users x 7 days after the warm-up, less the one day each scenario window touches.
        Assert.Equal(698, report.BenignUserDays);
        Assert.Equal(Math.Round(2 * 1000 / 698.0, 3), report.Total.FalsePerThousandUserDays);
    }

    [Fact]
    public void Read_ReplayJson_UsersFromFieldOrKey()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """
                {"events":12,"alerts":[
                  {"detector":"automation","user":9,"key":"k9","tier":"general","severity":"high","at":"2026-10-11T10:20:00Z","evidence":{"interval_s":"5"}},
                  {"detector":"key_sharing","user":null,"key":"k40b","tier":"general","severity":"medium","at":"2026-10-12T00:00:00+00:00","evidence":{}}
                ]}
                """);
            var alerts = AlertsReader.Read(path);
            Assert.Equal([9, 40], alerts.Select(a => a.User ?? 0));
            Assert.Equal(new DateTime(2026, 10, 11, 10, 20, 0, DateTimeKind.Utc), alerts[0].At);
            Assert.Equal(DateTimeKind.Utc, alerts[1].At.Kind);
            var report = Scorer.Score(Labels(), alerts, Slack);
            Assert.Equal(1, report.Detectors.Single(d => d.Detector == "automation").Caught);
            Assert.Equal("general", alerts[1].Tier);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
