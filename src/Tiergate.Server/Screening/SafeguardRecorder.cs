using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tiergate.Core.Access;
using Tiergate.Core.Audit;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Similarity;
using Tiergate.Server.Events;

namespace Tiergate.Server.Screening;

/// <summary>
/// Turns every block and flag into a usage event (for monitoring) and an audit record. Neither holds
/// prompt or answer text; matched terms reach monitoring only where the tier's privacy mode is full.
/// </summary>
public sealed class SafeguardRecorder(GatewayEvents events, IAuditLog audit)
{
    public async Task RecordAsync(HttpContext context, CallerContext caller, TierConfig tier, string variant, ScreeningOutcome outcome, bool output, PromptSketch? sketch, CancellationToken cancellationToken)
    {
        var at = events.Now;
        if (outcome.Block is { } block)
        {
            await RecordOneAsync(context, caller, tier, variant, block, output, UsageEventKinds.SafeguardBlock, sketch, at, cancellationToken);
        }

        foreach (var flag in outcome.Flags)
        {
            await RecordOneAsync(context, caller, tier, variant, flag, output, UsageEventKinds.SafeguardFlag, sketch, at, cancellationToken);
        }
    }

    private async Task RecordOneAsync(HttpContext context, CallerContext caller, TierConfig tier, string variant, CategoryHit hit, bool output, string kind, PromptSketch? sketch, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var direction = output ? "output" : "input";
        events.Safeguard(context, caller, tier, variant, hit, output, blocked: kind == UsageEventKinds.SafeguardBlock, sketch, at);
        var details = new Dictionary<string, string>
        {
            ["tier"] = tier.Name,
            ["client"] = caller.ClientAddress?.ToString() ?? "",
            ["direction"] = direction,
            ["category"] = hit.Category,
            ["score"] = hit.Score.ToString("0.###", CultureInfo.InvariantCulture),
            ["stage"] = hit.Stage,
            ["distinct_terms"] = hit.Terms.Count.ToString(CultureInfo.InvariantCulture),
        };
        if (hit.Guard is { } guard)
        {
            details["guard"] = guard;
        }

        await audit.AppendAsync(new AuditEvent(kind, $"key:{caller.Key.Id}", $"variant:{variant}", kind == UsageEventKinds.SafeguardBlock ? "blocked" : "flagged", details), cancellationToken);
    }
}
