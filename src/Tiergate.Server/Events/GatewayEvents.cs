using Microsoft.AspNetCore.Http;
using Tiergate.Core.Access;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Similarity;
using Tiergate.Server.Gateway;
using Tiergate.Server.Screening;
using Tiergate.Server.Telemetry;

namespace Tiergate.Server.Events;

/// <summary>
/// Builds the usage event of each gateway outcome from the request (client address, user agent), the
/// caller and the tier, with what the tier's privacy mode allows (<see cref="UsageEventPrivacy"/>), and publishes it. Never waits, never throws.
/// Every refusal and every completion passes here once, so here they are also counted (<see cref="GatewayMetrics"/>) and
/// named on the request's trace (<see cref="GatewayTracing"/>).
/// </summary>
public sealed class GatewayEvents(IUsageEventSink sink, TimeProvider time, GatewayMetrics metrics)
{
    private const int MaxUserAgentLength = 256;

    public void Denied(HttpContext context, string? keyId, CallerContext? caller, TierConfig? tier, string? variant, ErrorCode code)
    {
        sink.Publish(New(context, UsageEventKinds.Denied, keyId, caller, tier, variant, code.Name));
        metrics.Denied(code, tier?.Name, variant);
        GatewayTracing.Outcome(tier?.Name, variant, code.Name);
    }

    public void Admitted(HttpContext context, CallerContext caller, TierConfig tier, string variant, long promptTokens, long completionBudget, PromptSketch? sketch) =>
        sink.Publish(New(context, UsageEventKinds.Admitted, caller.Key.Id, caller, tier, variant, null, promptTokens, completionBudget, null, sketch));

    public void Completed(HttpContext context, CallerContext caller, TierConfig tier, string variant, string outcome, long? promptTokens, long? completionTokens, TimeSpan latency)
    {
        sink.Publish(New(context, UsageEventKinds.Completed, caller.Key.Id, caller, tier, variant, outcome, promptTokens, completionTokens, latency));
        metrics.Completed(outcome, tier.Name, variant, promptTokens, completionTokens, latency);
        GatewayTracing.Outcome(tier.Name, variant, outcome);
    }

    /// <summary>A block or flag; an input one carries the prompt's sketch (where the privacy mode allows), so rephrasings of a blocked prompt can be recognised.</summary>
    public void Safeguard(HttpContext context, CallerContext caller, TierConfig tier, string variant, CategoryHit hit, bool output, bool blocked, PromptSketch? sketch = null, DateTimeOffset? at = null) =>
        sink.Publish(New(context, blocked ? UsageEventKinds.SafeguardBlock : UsageEventKinds.SafeguardFlag, caller.Key.Id, caller, tier, variant, sketch: output ? null : sketch, hit: hit, direction: output ? "output" : "input", at: at));

    /// <summary>A safeguard event for the block and each flag of one screening of an input, sharing one time (one prompt).</summary>
    public void Safeguards(HttpContext context, CallerContext caller, TierConfig tier, string variant, ScreeningOutcome outcome, PromptSketch? sketch)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var at = Now;
        if (outcome.Block is { } block)
        {
            Safeguard(context, caller, tier, variant, block, output: false, blocked: true, sketch, at);
        }

        foreach (var flag in outcome.Flags)
        {
            Safeguard(context, caller, tier, variant, flag, output: false, blocked: false, sketch, at);
        }
    }

    /// <summary>The events' clock: one screening's hits share one time, so detectors count them as one prompt.</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Whether this tier's events may carry a prompt sketch (computing one costs a pass over the prompt).</summary>
    public static bool WantsSketch(TierConfig tier) => UsageEventPrivacy.AllowsSketch(tier.Monitoring.Privacy);

    // One allocation an event, with every field set here, on the request path.
    private UsageEvent New(
        HttpContext context, string kind, string? keyId, CallerContext? caller, TierConfig? tier, string? variant, string? code = null,
        long? promptTokens = null, long? completionTokens = null, TimeSpan? latency = null, PromptSketch? sketch = null, CategoryHit? hit = null, string? direction = null, DateTimeOffset? at = null)
    {
        var privacy = tier?.Monitoring.Privacy ?? PrivacyMode.MetadataOnly;
        return new UsageEvent(at ?? time.GetUtcNow(), kind)
        {
            KeyId = keyId,
            UserId = caller?.User.Id,
            Tier = tier?.Name,
            Variant = variant,
            ClientAddress = (caller?.ClientAddress ?? context.Connection.RemoteIpAddress)?.ToString(),
            UserAgent = UserAgent(context),
            Privacy = privacy,
            Code = code,
            PromptTokens = promptTokens,
            CompletionTokens = completionTokens,
            Latency = latency,
            Sketch = UsageEventPrivacy.AllowsSketch(privacy) ? sketch : null,
            Direction = direction,
            Category = hit?.Category,
            Score = hit?.Score,
            MatchedTerms = UsageEventPrivacy.AllowsTerms(privacy) ? hit?.Terms : null,
        };
    }

    private static string? UserAgent(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        return string.IsNullOrEmpty(agent) ? null : agent.Length <= MaxUserAgentLength ? agent : agent[..MaxUserAgentLength];
    }
}
