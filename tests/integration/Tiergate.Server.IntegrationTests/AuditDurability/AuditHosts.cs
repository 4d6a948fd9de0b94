using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Core.Audit;
using Tiergate.Monitoring.Events;
using Tiergate.Storage;
using Tiergate.Storage.Audit;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.AuditDurability;

/// <summary>The real gateway with both test tiers on one <c>audit.order</c> and an audit log the test chooses.</summary>
internal static class AuditHosts
{
    public const string BeforeResponse = "before_response";
    public const string BeforeUpstream = "before_upstream";

    /// <summary>The sample's answer: none of its words may reach a caller whose request was not recorded.</summary>
    public const string AnswerWord = "Hello";

    public static Task<GatewayHost> StartAsync(string backend, string order, Func<IServiceProvider, IAuditLog> audit) =>
        GatewayHost.StartAsync(
            backend,
            editPolicy: yaml => WithOrder(yaml, order),
            configureServices: services => services.AddSingleton(audit));

    /// <summary>The log the server would make for itself, on its own database.</summary>
    public static AuditLog Real(IServiceProvider services) =>
        new(services.GetRequiredService<TiergateDatabase>(), services.GetRequiredService<AuditSigningKey>(), TimeProvider.System);

    /// <summary>A real log on the server's database opened read-only.</summary>
    public static AuditLog ReadOnly(IServiceProvider services) =>
        new(AuditFaults.ReadOnly(services.GetRequiredService<TiergateDatabase>().Options), services.GetRequiredService<AuditSigningKey>(), TimeProvider.System);

    /// <summary>
    /// A user of <c>safety-research</c>, which flags answers but blocks none: its streams pass on chunk by chunk,
    /// so anything the gateway let through early would reach the caller at once.
    /// </summary>
    public static async Task<HttpClient> ResearcherAsync(GatewayHost host) =>
        host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("safety-research")));

    public static HttpRequestMessage Post(bool stream) =>
        new(HttpMethod.Post, "/v1/chat/completions") { Content = JsonContent.Create(Chat.Body("reduced-refusal", stream)) };

    public static async Task<int> AdmissionRecordsAsync(GatewayHost host)
    {
        await using var db = host.Store.Database.CreateContext();
        return await db.Set<AuditRecordEntity>().CountAsync(r => r.Action == "gateway.request");
    }

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(10);
        var deadline = DateTimeOffset.UtcNow + limit;
        while (!condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"waited {limit.TotalSeconds} s for: {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>The request's usage events: refused with <c>audit_unavailable</c>, never admitted.</summary>
    public static async Task AssertRefusedUnrecordedAsync(GatewayHost host)
    {
        var events = await host.Events.AfterRequestsAsync();
        Assert.DoesNotContain(events, e => e.Kind == UsageEventKinds.Admitted);
        Assert.Contains(events, e => e.Kind == UsageEventKinds.Denied && e.Code == "audit_unavailable");
        Assert.DoesNotContain(events, e => e.Kind == UsageEventKinds.Completed);
    }

    private static string WithOrder(string yaml, string order)
    {
        foreach (var tier in new[] { "general", "safety-research" })
        {
            var head = $"  - name: {tier}\n";
            Assert.Contains(head, yaml, StringComparison.Ordinal);
            yaml = yaml.Replace(head, $"{head}    audit: {{ order: {order} }}\n", StringComparison.Ordinal);
        }

        return yaml;
    }
}
