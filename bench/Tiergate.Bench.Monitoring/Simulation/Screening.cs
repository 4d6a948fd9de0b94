namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>What the safeguards did to a request: an input block ends it with <c>content_blocked</c>; the others let it complete.</summary>
internal enum Screening : byte
{
    Clean,
    InputBlock,
    InputFlag,
    OutputBlock,
    OutputFlag,
}
