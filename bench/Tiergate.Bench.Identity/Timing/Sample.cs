namespace Tiergate.Bench.Identity.Timing;

/// <summary>One timed operation: wall-clock milliseconds and the process's CPU milliseconds (<see cref="ProcessCpu"/>).</summary>
internal readonly record struct Sample(double WallMs, double CpuMs);
