using System.Diagnostics;

namespace Tiergate.Server.Telemetry;

/// <summary>
/// The gateway's traces: the request's server span (ASP.NET Core's) is named with the tier, variant and outcome, and
/// screening with a guard model gets a span of its own. Tags are policy names and error codes only; never a user,
/// a key, an address or client text.
/// </summary>
public static class GatewayTracing
{
    public const string SourceName = "Tiergate.Gateway";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Tags the current request's span, when one is being recorded (no cost otherwise).</summary>
    public static void Outcome(string? tier, string? variant, string outcome)
    {
        if (Activity.Current is not { Recorded: true } span)
        {
            return;
        }

        span.SetTag("tiergate.tier", tier);
        span.SetTag("tiergate.variant", variant);
        span.SetTag("tiergate.outcome", outcome);
    }
}
