namespace Tiergate.Bench.Identity.Timing;

/// <summary>Latency of one operation on one provider, in milliseconds, and the SQL commands it ran (mean over the warm-up).</summary>
/// <param name="CpuMedianMs">The median of the process's CPU time per operation: what it costs without the wait for a core (SQLite: all of it; PostgreSQL: the client's part).</param>
internal sealed record LatencySummary(string Provider, string Operation, int Samples, double MedianMs, double P95Ms, double MaxMs, double Commands = 0, double CpuMedianMs = 0)
{
    public static LatencySummary Of(string provider, string operation, IReadOnlyList<Sample> samples, double commands = 0)
    {
        var sorted = samples.Select(s => s.WallMs).Order().ToArray();
        var cpu = samples.Select(s => s.CpuMs).Order().ToArray();
        return new LatencySummary(provider, operation, sorted.Length, Percentile(sorted, 0.5), Percentile(sorted, 0.95), sorted.Length == 0 ? 0 : sorted[^1], commands, Percentile(cpu, 0.5));
    }

    /// <summary>Nearest-rank percentile of sorted samples (the median of an even count is the mean of the middle two).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        if (p == 0.5 && sorted.Length % 2 == 0)
        {
            return (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
