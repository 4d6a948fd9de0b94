using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tiergate.Core.Errors;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Gateway;

/// <summary>
/// Gateway counters, created through <see cref="IMeterFactory"/> so hosts and tests can observe them. Tags are
/// low-cardinality names from the policy and the error catalogue (tier, variant, outcome, error code, hazard
/// category): never a user, a key, an address or client text.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Tiergate.Gateway";

    // Seconds, from a fraction of a millisecond (a refusal) to a long stream.
    private static readonly InstrumentAdvice<double> DurationBuckets = new()
    {
        HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    };

    private readonly Counter<long> _requests;
    private readonly Counter<long> _denials;
    private readonly Counter<long> _tokens;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _verdicts;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("tiergate.gateway.requests", description: "Gateway requests by outcome: how a forwarded request ended (Completed, UpstreamFailed, TimedOut, ClientGone, moderated) or the error code of a refusal.");
        _denials = meter.CreateCounter<long>("tiergate.gateway.denials", unit: "{request}", description: "Requests refused, by error code (docs/error-codes.md) and tier (empty before the tier is known).");
        _tokens = meter.CreateCounter<long>("tiergate.gateway.tokens", unit: "{token}", description: "Tokens the upstream reported, by type (input: the prompt, output: the completion).");
        _duration = meter.CreateHistogram("tiergate.gateway.duration", unit: "s", description: "Time from request to last byte of forwarded requests.", advice: DurationBuckets);
        _verdicts = meter.CreateCounter<long>("tiergate.screening.verdicts", unit: "{verdict}", description: "Screening verdicts by direction (input, output), verdict (allow, flag, block, guard_unavailable) and hazard category (empty for allow).");
    }

    /// <summary>A request the gateway answered (forwarded, or moderated): its outcome, tokens and duration.</summary>
    public void Completed(string outcome, string? tier, string? variant, long? promptTokens, long? completionTokens, TimeSpan elapsed)
    {
        var tags = new TagList { { "outcome", outcome }, { "tier", tier ?? "" }, { "variant", variant ?? "" } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
        Tokens(promptTokens, "input", tags);
        Tokens(completionTokens, "output", tags);
    }

    /// <summary>A request refused with <paramref name="code"/>: counted as a request with that outcome, and as a denial.</summary>
    public void Denied(ErrorCode code, string? tier, string? variant)
    {
        ArgumentNullException.ThrowIfNull(code);
        _requests.Add(1, new TagList { { "outcome", code.Name }, { "tier", tier ?? "" }, { "variant", variant ?? "" } });
        _denials.Add(1, new TagList { { "code", code.Name }, { "tier", tier ?? "" } });
    }

    /// <summary>One screening's verdicts: allow when nothing was found, else the block and each flag with its category.</summary>
    public void Screened(string tier, ScreeningOutcome outcome, bool output)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var direction = output ? "output" : "input";
        if (outcome.Block is null && outcome.Flags.Count == 0 && outcome.GuardUnavailable is null)
        {
            Verdict(tier, direction, "allow", "");
            return;
        }

        if (outcome.Block is { } block)
        {
            Verdict(tier, direction, "block", block.Category);
        }

        foreach (var flag in outcome.Flags)
        {
            Verdict(tier, direction, "flag", flag.Category);
        }

        if (outcome.GuardUnavailable is not null)
        {
            Verdict(tier, direction, "guard_unavailable", "");
        }
    }

    private void Tokens(long? count, string type, TagList tags)
    {
        if (count is > 0)
        {
            tags.Add("type", type);
            _tokens.Add(count.Value, tags);
        }
    }

    private void Verdict(string tier, string direction, string verdict, string category) =>
        _verdicts.Add(1, new TagList { { "direction", direction }, { "verdict", verdict }, { "category", category }, { "tier", tier } });
}
