using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tiergate.Server.Gateway;

/// <summary>Gateway counters, created through <see cref="IMeterFactory"/> so hosts and tests can observe them.</summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Tiergate.Gateway";
    private readonly Counter<long> _requests;
    private readonly Counter<long> _tokens;
    private readonly Histogram<double> _duration;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("tiergate.gateway.requests", description: "Chat completion requests by outcome.");
        _tokens = meter.CreateCounter<long>("tiergate.gateway.tokens", unit: "{token}", description: "Tokens the upstream reported.");
        _duration = meter.CreateHistogram<double>("tiergate.gateway.duration", unit: "s", description: "Time from request to last byte.");
    }

    public void Completed(string outcome, string? tier, string? variant, long tokens, TimeSpan elapsed)
    {
        var tags = new TagList { { "outcome", outcome }, { "tier", tier ?? "" }, { "variant", variant ?? "" } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
        if (tokens > 0)
        {
            _tokens.Add(tokens, tags);
        }
    }
}
