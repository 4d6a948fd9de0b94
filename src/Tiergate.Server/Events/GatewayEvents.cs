using Microsoft.AspNetCore.Http;
using Tiergate.Core.Access;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Similarity;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Events;

/// <summary>
/// Builds the usage event of each gateway outcome from the request (client address, user agent), the
/// caller and the tier, shapes it by the tier's privacy mode and publishes it. Never waits, never throws.
/// </summary>
public sealed class GatewayEvents(IUsageEventSink sink, TimeProvider time)
{
    private const int MaxUserAgentLength = 256;

    public void Denied(HttpContext context, string? keyId, CallerContext? caller, TierConfig? tier, string? variant, ErrorCode code) =>
        Publish(context, UsageEventKinds.Denied, keyId, caller, tier, variant, e => e with { Code = code.Name });

    public void Admitted(HttpContext context, CallerContext caller, TierConfig tier, string variant, long promptTokens, long completionBudget, PromptSketch? sketch) =>
        Publish(context, UsageEventKinds.Admitted, caller.Key.Id, caller, tier, variant, e => e with { PromptTokens = promptTokens, CompletionTokens = completionBudget, Sketch = sketch });

    public void Completed(HttpContext context, CallerContext caller, TierConfig tier, string variant, string outcome, long? promptTokens, long? completionTokens, TimeSpan latency) =>
        Publish(context, UsageEventKinds.Completed, caller.Key.Id, caller, tier, variant, e => e with { Code = outcome, PromptTokens = promptTokens, CompletionTokens = completionTokens, Latency = latency });

    public void Safeguard(HttpContext? context, CallerContext caller, TierConfig tier, string variant, CategoryHit hit, bool output, bool blocked) =>
        Publish(context, blocked ? UsageEventKinds.SafeguardBlock : UsageEventKinds.SafeguardFlag, caller.Key.Id, caller, tier, variant, e => e with
        {
            Direction = output ? "output" : "input",
            Category = hit.Category,
            Score = hit.Score,
            MatchedTerms = hit.Terms,
        });

    /// <summary>Whether this tier's events may carry a prompt sketch (computing one costs a pass over the prompt).</summary>
    public static bool WantsSketch(TierConfig tier) => UsageEventPrivacy.AllowsSketch(tier.Monitoring.Privacy);

    private void Publish(HttpContext? context, string kind, string? keyId, CallerContext? caller, TierConfig? tier, string? variant, Func<UsageEvent, UsageEvent> facts)
    {
        var usageEvent = facts(new UsageEvent(time.GetUtcNow(), kind)
        {
            KeyId = keyId,
            UserId = caller?.User.Id,
            Tier = tier?.Name,
            Variant = variant,
            ClientAddress = (caller?.ClientAddress ?? context?.Connection.RemoteIpAddress)?.ToString(),
            UserAgent = UserAgent(context),
        });
        sink.Publish(UsageEventPrivacy.Shape(usageEvent, tier?.Monitoring.Privacy ?? PrivacyMode.MetadataOnly));
    }

    private static string? UserAgent(HttpContext? context)
    {
        var agent = context?.Request.Headers.UserAgent.ToString();
        return string.IsNullOrEmpty(agent) ? null : agent.Length <= MaxUserAgentLength ? agent : agent[..MaxUserAgentLength];
    }
}
