using Tiergate.Testing.Notifications;
using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Keys;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.Tests.Accounts;

/// <summary>A fresh SQLite store with a two-tier policy (general: automatic; research: verified identity, 90 days, two approvals) and the account administrations on it.</summary>
public sealed class AccountsFixture : IAsyncDisposable
{
    public const string Actor = "cli:tester";

    private const string Policy = """
        variants:
          - name: standard
            upstream: { base_url: "http://localhost:8000/v1", model: m }
        policies:
          - { id: aup, version: "1", permitted: [research], prohibited: [harm], threat_model: t, rationale: r }
        tiers:
          - { name: general, variants: [standard], policy: aup, identity: email, auto_grant: true }
          - { name: research, variants: [standard], policy: aup, identity: verified, grant_days: 90, review: { approvals: 2 } }
        """;

    private AccountsFixture(TestStore store, AccountServices accounts, RecordingAuditLog audit, FakeTimeProvider time, RecordingUserNotifier notifier)
    {
        Notifier = notifier;
        Store = store;
        Accounts = accounts;
        Audit = audit;
        Time = time;
    }

    public TestStore Store { get; }

    public AccountServices Accounts { get; }

    public RecordingAuditLog Audit { get; }

    public FakeTimeProvider Time { get; }

    public RecordingUserNotifier Notifier { get; }

    public static async Task<AccountsFixture> CreateAsync()
    {
        var loaded = PolicyLoader.Load(Policy);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var store = await TestStore.CreateAsync(TestStore.Sqlite);
        var audit = new RecordingAuditLog();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var hasher = new ApiKeyHasher(new byte[ApiKeyHasher.PepperLength]);
        var notifier = new RecordingUserNotifier();
        return new AccountsFixture(store, AccountServices.Create(store.Database, loaded.Policy!, hasher, audit, notifier, time), audit, time, notifier);
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
