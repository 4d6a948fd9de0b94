using System.Text;
using System.Text.Json;
using Tiergate.Bench.Monitoring.Simulation;

namespace Tiergate.Bench.Monitoring.Tests;

public sealed class SimulatorTests
{
    private static readonly SimulationOptions Small = new() { Users = 120, Days = 9, WarmupDays = 3, ScenariosPerDetector = 2, Seed = 7 };

    [Fact]
    public void Run_SameSeed_SameBytes()
    {
        Assert.Equal(Lines(Small), Lines(Small));
    }

    [Fact]
    public void Run_OtherSeed_OtherEvents()
    {
        Assert.NotEqual(Lines(Small), Lines(Small with { Seed = 8 }));
    }

    [Fact]
    public void Run_Events_TimeOrderedAndEveryRequestEnds()
    {
        var previous = "";
        int admitted = 0, completed = 0, blocks = 0, denied = 0;
        foreach (var line in Lines(Small).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var e = JsonDocument.Parse(line);
            var at = e.RootElement.GetProperty("at").GetString()!;
            Assert.True(string.CompareOrdinal(previous, at) <= 0, $"{at} comes after {previous}");
            previous = at;
            foreach (var field in new[] { "user", "key", "tier", "variant", "ip", "ua", "country", "asn", "lat", "lon" })
            {
                Assert.True(e.RootElement.TryGetProperty(field, out _), $"{field} missing in {line}");
            }

            switch (e.RootElement.GetProperty("kind").GetString())
            {
                case "request.admitted": admitted++; break;
                case "request.completed": completed++; break;
                case "request.denied":
                    denied++;
                    Assert.Equal("content_blocked", e.RootElement.GetProperty("code").GetString());
                    break;
                case "safeguard.block" when e.RootElement.GetProperty("direction").GetString() == "input": blocks++; break;
            }
        }

        Assert.True(admitted > 1000);
        Assert.Equal(admitted, completed);
        Assert.Equal(blocks, denied);
    }

    [Fact]
    public void Run_Scenarios_EveryDetectorPlantedAndItsLinesLabelledInsideTheWindow()
    {
        var result = Simulator.Run(Small);
        foreach (var detector in Detectors.All)
        {
            Assert.Equal(2, result.Labels.Count(l => l.Detector == detector));
        }

        Assert.Equal(result.Labels.Count, result.Labels.Select(l => l.User).Distinct().Count());
        foreach (var label in result.Labels)
        {
            var lines = result.Requests.Where(q => q.Scenario == label.Id).ToList();
            Assert.NotEmpty(lines);
            Assert.All(lines, q => Assert.Equal(label.User, q.User.Id));
            Assert.All(lines, q => Assert.InRange(new DateTime(q.At, DateTimeKind.Utc), label.Start, label.End));
            Assert.True(label.Start >= Small.Start.AddDays(Small.WarmupDays), $"{label.Id} starts in the warm-up");
        }
    }

    [Fact]
    public void Run_Automation_RegularScenarioHasExactIntervalsAndSweepStaysInTenMinutes()
    {
        var result = Simulator.Run(Small);
        foreach (var label in result.Labels.Where(l => l.Detector == Detectors.Automation))
        {
            var times = result.Requests.Where(q => q.Scenario == label.Id).Select(q => q.At).Order().ToList();
            Assert.True(times.Count >= 30);
            if (label.Kind == "regular")
            {
                var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
                Assert.True(gaps.Max() - gaps.Min() < 30 * TimeSpan.TicksPerMillisecond, label.Note); // 0-15 ms of jitter at each end
                Assert.True(times[^1] - times[0] >= TimeSpan.FromMinutes(29).Ticks, label.Note);
            }
            else
            {
                Assert.True(times[^1] - times[0] <= TimeSpan.FromMinutes(10).Ticks, label.Note);
            }
        }
    }

    private static string Lines(SimulationOptions options)
    {
        using var stream = new MemoryStream();
        EventWriter.Write(Simulator.Run(options).Requests, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
