using System.Globalization;
using Tiergate.Core.Access;
using Tiergate.Core.Audit;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Events;

namespace Tiergate.Server.Screening;

/// <summary>
/// Turns every block and flag into a usage event (for monitoring) and an audit record. Neither holds
/// prompt or answer text; matched terms reach monitoring only where the tier's privacy mode is full.
/// </summary>
public sealed class SafeguardRecorder(UsageEventChannel events, IAuditLog audit, TimeProvider time)
{
    public async Task RecordAsync(CallerContext caller, TierConfig tier, string variant, ScreeningOutcome outcome, bool output, CancellationToken cancellationToken)
    {
        var direction = output ? "output" : "input";
        if (outcome.Block is { } block)
        {
            await RecordOneAsync(caller, tier, variant, block, direction, UsageEventKinds.SafeguardBlock, cancellationToken);
        }

        foreach (var flag in outcome.Flags)
        {
            await RecordOneAsync(caller, tier, variant, flag, direction, UsageEventKinds.SafeguardFlag, cancellationToken);
        }
    }

    private async Task RecordOneAsync(CallerContext caller, TierConfig tier, string variant, CategoryHit hit, string direction, string kind, CancellationToken cancellationToken)
    {
        var terms = tier.Monitoring.Privacy == PrivacyMode.Full ? hit.Terms : null;
        events.Publish(new UsageEvent(time.GetUtcNow(), kind, caller.Key.Id, caller.User.Id, tier.Name, variant, direction, hit.Category, hit.Score, terms));
        await audit.AppendAsync(new AuditEvent(kind, $"key:{caller.Key.Id}", $"variant:{variant}", kind == UsageEventKinds.SafeguardBlock ? "blocked" : "flagged", new Dictionary<string, string>
        {
            ["tier"] = tier.Name,
            ["direction"] = direction,
            ["category"] = hit.Category,
            ["score"] = hit.Score.ToString("0.###", CultureInfo.InvariantCulture),
            ["stage"] = hit.Stage,
            ["distinct_terms"] = hit.Terms.Count.ToString(CultureInfo.InvariantCulture),
        }), cancellationToken);
    }
}
