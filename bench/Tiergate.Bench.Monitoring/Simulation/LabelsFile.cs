namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>labels.json: the run's parameters, population facts, and every planted scenario.</summary>
internal sealed record LabelsFile(int Seed, int Users, int Days, int WarmupDays, DateTime Start, Summary Population, List<Label> Scenarios);
