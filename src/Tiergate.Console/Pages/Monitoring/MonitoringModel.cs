using Microsoft.AspNetCore.Authorization;
using Tiergate.Console.Auth;
using Tiergate.Core.Audit;
using Tiergate.Core.Policy;
using Tiergate.Storage.Monitoring;

namespace Tiergate.Console.Pages.Monitoring;

/// <summary>
/// <c>/monitoring</c>: each tier's traffic per hour over the last <see cref="Days"/> days, as server-rendered SVG charts
/// with the figures in text and tables. An <c>aggregate</c>-privacy tier shows only hours with at least k users, and
/// no page shows a figure per user.
/// </summary>
[Authorize(Roles = ConsoleRoles.Reviewers)]
public sealed class MonitoringModel(TrafficStore traffic, PolicyDocument policy, IAuditLog audit, TimeProvider time) : ConsolePage
{
    public const int Days = 7;

    public IReadOnlyList<TierTraffic> Tiers { get; private set; } = [];

    public DateTimeOffset From { get; private set; }

    public DateTimeOffset To { get; private set; }

    public async Task OnGetAsync()
    {
        To = TrafficCounts.HourOf(time.GetUtcNow()).AddHours(1);
        From = To.AddDays(-Days);
        var buckets = await traffic.ListAsync(From, To, HttpContext.RequestAborted);
        Tiers = [.. policy.Tiers.Select(t => TierTraffic.From(t, buckets, From, Days * 24))];
        await audit.AppendAsync(new AuditEvent("traffic.read", HttpContext.Actor(), null, "ok"), HttpContext.RequestAborted);
    }
}
