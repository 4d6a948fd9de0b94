using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Places;

namespace Tiergate.Monitoring.Replay;

/// <summary>One line of a replay file: the event, the place written on the line (if any), and the prompt text to sketch in memory (if any).</summary>
public sealed record ReplayLine(UsageEvent Event, Place? Place, string? Prompt);
