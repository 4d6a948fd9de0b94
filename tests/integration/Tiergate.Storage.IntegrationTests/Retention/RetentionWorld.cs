using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Policy;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Entities;
using Tiergate.Storage.Monitoring;
using Tiergate.Storage.Responses;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Retention;

/// <summary>
/// A database with monitoring rows written straight into its tables at chosen ages, and a policy with two tiers that keep
/// data for different times: <c>fast</c> (usage 10 days, alerts 20 days) and <c>slow</c> (usage 60 days, alerts 120 days).
/// </summary>
internal sealed class RetentionWorld : IAsyncDisposable
{
    public const string Policy = """
        variants:
          - name: standard
            upstream: { base_url: "http://localhost:8000/v1", model: m }
        policies:
          - { id: aup, version: "1", permitted: [research], prohibited: [harm], threat_model: t, rationale: r }
        tiers:
          - { name: fast, variants: [standard], policy: aup, identity: email, retention: { usage_events: 10d, alerts: 20d } }
          - { name: slow, variants: [standard], policy: aup, identity: email, retention: { usage_events: 60d, alerts: 120d } }
        """;

    public static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private RetentionWorld(TestStore store, long userId)
    {
        Store = store;
        UserId = userId;
    }

    public TestStore Store { get; }

    public long UserId { get; }

    public static PolicyDocument LoadPolicy() => PolicyLoader.Load(Policy).Policy ?? throw new InvalidOperationException("the test policy does not load");

    public static async Task<RetentionWorld> CreateAsync(string provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Database.CreateContext();
        var user = new UserEntity { Email = "ada@example.org", EmailIndex = Guid.NewGuid().ToString("N"), CreatedAt = Now };
        db.Add(user);
        await db.SaveChangesAsync();
        return new RetentionWorld(store, user.Id);
    }

    public static DateTimeOffset DaysAgo(double days) => Now - TimeSpan.FromDays(days);

    public async Task AddBucketAsync(string tier, DateTimeOffset at)
    {
        await using var db = Store.Database.CreateContext();
        db.Add(new TrafficBucketEntity { Tier = tier, HourStart = TrafficCounts.HourOf(at), Requests = 1 });
        await db.SaveChangesAsync();
    }

    public async Task<long> AddAlertAsync(string? tier, AlertStatus status, DateTimeOffset updatedAt)
    {
        await using var db = Store.Database.CreateContext();
        var alert = new AlertEntity { Detector = "rate_spike", UserId = UserId, Tier = tier, Status = (int)status, CreatedAt = updatedAt, UpdatedAt = updatedAt };
        db.Add(alert);
        await db.SaveChangesAsync();
        return alert.Id;
    }

    public async Task<long> AddResponseAsync(string tier, string status, DateTimeOffset updatedAt, long? alertId = null)
    {
        await using var db = Store.Database.CreateContext();
        var response = new ResponseEntity
        {
            AlertId = alertId, Detector = "rate_spike", Action = "throttle", UserId = UserId, Tier = tier, Status = status, CreatedAt = updatedAt, UpdatedAt = updatedAt,
        };
        db.Add(response);
        await db.SaveChangesAsync();
        return response.Id;
    }

    public async Task AddStateAsync(string subject, DateTimeOffset updatedAt)
    {
        await using var db = Store.Database.CreateContext();
        db.Add(new MonitorStateEntity { Subject = subject, UpdatedAt = updatedAt });
        await db.SaveChangesAsync();
    }

    public async Task<IReadOnlyList<(string Tier, DateTimeOffset Hour)>> BucketsAsync()
    {
        await using var db = Store.Database.CreateContext();
        var rows = await db.Set<TrafficBucketEntity>().AsNoTracking().ToListAsync();
        return [.. rows.Select(b => (b.Tier, b.HourStart)).OrderBy(b => b.Tier, StringComparer.Ordinal).ThenBy(b => b.HourStart)];
    }

    public async Task<IReadOnlyList<long>> AlertIdsAsync()
    {
        await using var db = Store.Database.CreateContext();
        return await db.Set<AlertEntity>().AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
    }

    public async Task<IReadOnlyList<long>> ResponseIdsAsync()
    {
        await using var db = Store.Database.CreateContext();
        return await db.Set<ResponseEntity>().AsNoTracking().OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
    }

    public async Task<IReadOnlyList<string>> StateSubjectsAsync()
    {
        await using var db = Store.Database.CreateContext();
        return await db.Set<MonitorStateEntity>().AsNoTracking().OrderBy(s => s.Subject).Select(s => s.Subject).ToListAsync();
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
