using System.Diagnostics;
using System.Text.Json;

namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>Draws the population, generates its use, plants the scenarios, and writes <c>events.jsonl</c> and <c>labels.json</c>.</summary>
internal static class Simulator
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public sealed record Result(List<User> Users, List<Label> Labels, List<Request> Requests);

    /// <summary>Everything in memory (the requests sorted by arrival); nothing written.</summary>
    public static Result Run(SimulationOptions options)
    {
        var users = Population.Draw(options);
        foreach (var user in users)
        {
            BenignActivity.Generate(user, options);
        }

        var labels = new ScenarioPlanter(users, options).PlantAll();
        var end = options.Start.AddDays(options.Days).Ticks;
        var requests = users.SelectMany(u => u.Requests).Where(q => q.At >= options.Start.Ticks && q.At < end).ToList();
        // Stable order: arrival, then user id (ties are rare but must not depend on anything else).
        requests.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.User.Id.CompareTo(b.User.Id));
        return new Result(users, labels, requests);
    }

    public static int WriteFiles(SimulationOptions options, string outDirectory, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(outDirectory);
        var result = Run(options);
        var eventsPath = Path.Combine(outDirectory, "events.jsonl");
        long lines;
        using (var file = new FileStream(eventsPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            lines = EventWriter.Write(result.Requests, file);
        }

        var summary = Summary.Of(options, result);
        var labelsFile = new LabelsFile(options.Seed, options.Users, options.Days, options.WarmupDays, options.Start, summary, result.Labels);
        File.WriteAllText(Path.Combine(outDirectory, "labels.json"), JsonSerializer.Serialize(labelsFile, Json));
        log.WriteLine($"simulated {options.Users} users x {options.Days} days (seed {options.Seed}): {result.Requests.Count:N0} requests, {lines:N0} events, " +
            $"{new FileInfo(eventsPath).Length / 1e6:0} MB, {result.Labels.Count} scenarios, {clock.Elapsed.TotalSeconds:0.0} s");
        log.WriteLine(JsonSerializer.Serialize(summary, Json));
        return 0;
    }
}
