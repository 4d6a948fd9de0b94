using System.Runtime.InteropServices;

namespace Tiergate.Bench.Identity.Timing;

/// <summary>
/// The process's CPU time in nanoseconds (<c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>, every thread): on a shared
/// machine wall time includes the time spent waiting for a core other sessions hold, CPU time does not. For
/// SQLite (in process) it is all the work of an operation; for PostgreSQL only the client's half.
/// </summary>
internal static partial class ProcessCpu
{
    private const int ClockProcessCpuTimeId = 2;

    /// <summary>Nanoseconds of CPU used so far, or 0 where the clock is not available (not Linux).</summary>
    public static long Nanoseconds()
    {
        if (!OperatingSystem.IsLinux() || clock_gettime(ClockProcessCpuTimeId, out var now) != 0)
        {
            return 0;
        }

        return (now.Seconds * 1_000_000_000L) + now.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
#pragma warning disable SYSLIB1054 // A plain blittable out struct: DllImport needs no unsafe code in this project.
    private static extern int clock_gettime(int clock, out TimeSpec time);
#pragma warning restore SYSLIB1054
}
