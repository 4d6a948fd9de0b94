using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Audit;
using Tiergate.Core.Keys;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Identity.Links;
using Tiergate.Testing.Notifications;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.IntegrationTests.Identity;

/// <summary>A fresh database (either provider) with accounts, the identifier graph and bans on it, and the audit events they append.</summary>
public sealed class GraphWorld : IAsyncDisposable, IAuditLog
{
    public const string Actor = "cli:graph";

    private const string Policy = """
        variants:
          - name: standard
            upstream: { base_url: "http://localhost:8000/v1", model: m }
        policies:
          - { id: aup, version: "1", permitted: [research], prohibited: [harm], threat_model: t, rationale: r }
        tiers:
          - { name: general, variants: [standard], policy: aup, identity: email, auto_grant: true }
          - { name: research, variants: [standard], policy: aup, identity: email, grant_days: 90 }
        """;

    private GraphWorld(TestStore store, bool oneDocumentOneAccount)
    {
        Store = store;
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var policy = PolicyLoader.Load(Policy).Policy!;
        Accounts = AccountServices.Create(store.Database, policy, new ApiKeyHasher(new byte[ApiKeyHasher.PepperLength]), this, new RecordingUserNotifier(), Time);
        Graph = new IdentifierGraph(store.Database, this, Time, oneDocumentOneAccount);
        Bans = new AccountBans(store.Database, this, Time);
    }

    public TestStore Store { get; }

    public FakeTimeProvider Time { get; }

    public AccountServices Accounts { get; }

    public IdentifierGraph Graph { get; }

    public AccountBans Bans { get; }

    public List<AuditEvent> Events { get; } = [];

    public static async Task<GraphWorld> CreateAsync(string provider, bool oneDocumentOneAccount = true) =>
        new(await TestStore.CreateAsync(provider), oneDocumentOneAccount);

    /// <summary>Adds accounts named a, b, c… (<c>a@example.org</c>) and returns their ids in order.</summary>
    public async Task<long[]> PeopleAsync(params string[] names)
    {
        var ids = new long[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            ids[i] = (await Accounts.Users.AddAsync($"{names[i]}@example.org", null, null, IdentityLevel.Email, Actor)).Id;
        }

        return ids;
    }

    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        lock (Events)
        {
            Events.Add(auditEvent);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
