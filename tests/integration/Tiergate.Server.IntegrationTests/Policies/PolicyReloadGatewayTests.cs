using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Policy;
using Tiergate.Server.Hosting;
using Tiergate.Server.Policies;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Policies;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.Policies;

/// <summary>The stored policy of record, on SQLite and PostgreSQL: a running gateway follows it, and <c>serve --config</c> stores a changed file at start.</summary>
public sealed class PolicyReloadGatewayTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task StoredVersion_AppliedWhileServing_NewRequestsSeeTheNewTierLimitWithinSeconds(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        var before = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await Chat.PostAsync(client, "standard");
            before.Add(response.StatusCode);
        }

        var text = PolicyText.Of((await SampleFor(host)).Replace("requests_per_minute: 60", "requests_per_minute: 2", StringComparison.Ordinal));
        var applied = await ApplyAsync(host.Store, text);
        var waited = await WaitForHashAsync(client, text.Hash);

        var after = new List<HttpStatusCode>();
        string? code = null;
        for (var i = 0; i < 3; i++)
        {
            using var response = await Chat.PostAsync(client, "standard");
            after.Add(response.StatusCode);
            code = await Chat.ErrorCodeAsync(response) ?? code;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], before);
        Assert.True(applied.Stored);
        Assert.InRange(waited.TotalSeconds, 0, 10);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], after);
        Assert.Equal("rate_limited", code);
        var ready = await ReadyAsync(client);
        Assert.Equal(applied.Current.Version, (long)ready["policy"]!["version"]!);
    }

    [Fact]
    public async Task StoredVersion_AppliedWhileARequestRuns_TheRequestFinishesUnderItsPolicyAndNewOnesSeeTheNew()
    {
        await using var host = await GatewayHost.StartAsync(TestStore.Sqlite);
        using var client = host.Client(await host.GoodKeyAsync(await host.UserWithTiersAsync("general")));
        host.Upstream.DelayBeforeHeaders = TimeSpan.FromSeconds(8);
        var inFlight = Chat.PostAsync(client, "standard");
        while (host.Upstream.Requests.IsEmpty)
        {
            await Task.Delay(50);
        }

        // The new policy takes the variant out of the caller's tier.
        var text = PolicyText.Of((await SampleFor(host)).Replace("    variants: [standard]\n    policy: general-use", "    variants: [reduced-refusal]\n    policy: general-use", StringComparison.Ordinal));
        Assert.NotEqual(PolicyText.Of(await SampleFor(host)).Hash, text.Hash);
        await ApplyAsync(host.Store, text);
        await WaitForHashAsync(client, text.Hash);
        host.Upstream.DelayBeforeHeaders = TimeSpan.Zero;
        using var later = await Chat.PostAsync(client, "standard");
        using var first = await inFlight;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, later.StatusCode);
        Assert.Equal("model_not_found", await Chat.ErrorCodeAsync(later));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task StoredVersion_ChangingTheGuards_IsRefusedAndTheRunningPolicyKept(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        using var client = host.Client();
        var sample = await SampleFor(host);
        var first = PolicyText.Of(sample.Replace("requests_per_minute: 60", "requests_per_minute: 59", StringComparison.Ordinal));
        await ApplyAsync(host.Store, first);
        await WaitForHashAsync(client, first.Hash);

        // A guard model is connected at start: a version that adds one needs a restart, so the gateway keeps what it runs.
        var guarded = PolicyText.Of(first.Canonical.Replace(
            "  hold_back_chars: 256", "  hold_back_chars: 256\n  guards:\n    - { name: g, kind: moderations, url: \"http://127.0.0.1:9/v1\" }", StringComparison.Ordinal));
        Assert.True(PolicyLoader.Load(guarded.Canonical).IsValid, string.Join("; ", PolicyLoader.Load(guarded.Canonical).Errors));
        Assert.NotEqual(first.Hash, guarded.Hash);
        var refused = await ApplyAsync(host.Store, guarded);
        var record = await WaitForAuditAsync(host.Store, "policy.reload");

        Assert.Equal(2, refused.Current.Version);
        Assert.Equal("policy_needs_restart", record.Outcome);
        Assert.Contains(guarded.Hash, record.Details, StringComparison.Ordinal);
        var ready = await ReadyAsync(client);
        Assert.Equal(first.Hash, (string)ready["policy"]!["hash"]!);
        Assert.Equal(1, (long)ready["policy"]!["version"]!);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Serve_ConfigFile_StoresAVersionAtStartOnlyWhenItsHashDiffers(string backend)
    {
        await using var store = await TestStore.CreateAsync(backend);
        var file = Path.Combine(store.Options.DataDirectory, "policy.yaml");
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));
        var changed = sample.Replace("tokens_per_day: 200000", "tokens_per_day: 1000", StringComparison.Ordinal);

        await StartAndStopAsync(store, file, sample);
        await StartAndStopAsync(store, file, sample + "\r\n\r\n"); // the same file with other line endings: the same hash
        await StartAndStopAsync(store, file, changed);

        var versions = await new PolicyVersionStore(store.Database, new NullAudit(), TimeProvider.System).ListAsync();
        Assert.Equal([1L, 2L], versions.Select(v => v.Version));
        Assert.Equal([PolicyText.Of(sample).Hash, PolicyText.Of(changed).Hash], versions.Select(v => v.Hash));
        Assert.StartsWith("server:", versions[1].AppliedBy, StringComparison.Ordinal);
        var records = await AuditAsync(store, "policy.apply");
        Assert.Equal(2, records.Count);
        var details = JsonNode.Parse(records[1].Details!)!;
        Assert.Equal(PolicyText.Of(sample).Hash, (string)details["old_hash"]!);
        Assert.Equal(PolicyText.Of(changed).Hash, (string)details["new_hash"]!);
        Assert.Equal("serve --config", (string)details["source"]!);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ApplyAsync_InstancesApplyingAtOnce_OneVersionPerDistinctTextNumberedWithoutGaps(string backend)
    {
        await using var store = await TestStore.CreateAsync(backend);
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));
        var same = PolicyText.Of(sample);
        var distinct = Enumerable.Range(1, 4).Select(i => PolicyText.Of(sample.Replace("requests_per_minute: 60", $"requests_per_minute: {i}", StringComparison.Ordinal))).ToList();

        var sameResults = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => ApplyAsync(store, same))));
        var distinctResults = await Task.WhenAll(distinct.Select(t => Task.Run(() => ApplyAsync(store, t))));

        Assert.Single(sameResults, r => r.Stored);
        Assert.All(sameResults, r => Assert.Equal(1, r.Current.Version));
        Assert.All(distinctResults, r => Assert.True(r.Stored));
        var versions = await new PolicyVersionStore(store.Database, new NullAudit(), TimeProvider.System).ListAsync();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], versions.Select(v => v.Version));
        Assert.Equal(distinct.Select(t => t.Hash).Order(), versions.Skip(1).Select(v => v.Hash).Order());
        Assert.Equal(5, (await AuditAsync(store, "policy.apply")).Count);
    }

    private static async Task StartAndStopAsync(TestStore store, string file, string text)
    {
        await File.WriteAllTextAsync(file, text);
        var loaded = PolicyLoader.Load(text);
        Assert.True(loaded.IsValid);
        var options = new ServerOptions(store.Options, loaded.Policy!, ["http://127.0.0.1:0"])
        {
            PolicySource = new PolicySourceOptions(file, PolicySourceOptions.DefaultPollInterval),
            PolicyText = text,
        };
        await using var app = await TiergateServer.BuildAsync(options);
    }

    /// <summary>The text GatewayHost started from: the sample with its variants pointed at the host's fake upstream.</summary>
    private static async Task<string> SampleFor(GatewayHost host) =>
        (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml")))
        .Replace("base_url: builtin:sample", $"base_url: {host.Upstream.BaseUrl}\n      api_key_env: TIERGATE_TEST_UPSTREAM_KEY", StringComparison.Ordinal);

    private static async Task<PolicyApplyResult> ApplyAsync(TestStore store, PolicyText text)
    {
        using var signer = AuditSigningKey.LoadOrCreate(store.Options);
        await using var audit = new AuditLog(store.Database, signer, TimeProvider.System);
        return await new PolicyVersionStore(store.Database, audit, TimeProvider.System).ApplyAsync(text, "cli:test", "cli");
    }

    private static async Task<TimeSpan> WaitForHashAsync(HttpClient client, string hash)
    {
        var watch = Stopwatch.StartNew();
        while ((string?)(await ReadyAsync(client))["policy"]?["hash"] != hash)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), "the gateway did not take the stored policy");
            await Task.Delay(100);
        }

        return watch.Elapsed;
    }

    private static async Task<JsonNode> ReadyAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<AuditRecordEntity> WaitForAuditAsync(TestStore store, string action)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if ((await AuditAsync(store, action)).FirstOrDefault() is { } record)
            {
                return record;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"no {action} record");
            await Task.Delay(100);
        }
    }

    private static async Task<List<AuditRecordEntity>> AuditAsync(TestStore store, string action)
    {
        await using var db = store.Database.CreateContext();
        return await db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Action == action).OrderBy(r => r.Sequence).ToListAsync();
    }

    private sealed class NullAudit : Tiergate.Core.Audit.IAuditLog
    {
        public ValueTask AppendAsync(Tiergate.Core.Audit.AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("read only");
    }
}
