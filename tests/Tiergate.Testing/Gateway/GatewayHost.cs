using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Core.Keys;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Events;
using Tiergate.Server.Hosting;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Secrets;
using Tiergate.Testing.Storage;

namespace Tiergate.Testing.Gateway;

/// <summary>
/// The real server on a real Kestrel socket (127.0.0.1, random port) with the shipped default policy,
/// its variants pointed at a <see cref="FakeUpstream"/>, on SQLite or PostgreSQL.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AuditLog _adminAudit;
    private readonly AuditSigningKey _signer;

    private GatewayHost(WebApplication app, TestStore store, FakeUpstream upstream, PolicyDocument policy, AuditLog adminAudit, AuditSigningKey signer, ApiKeyHasher hasher, RecordedEvents events)
    {
        Events = events;
        _app = app;
        _adminAudit = adminAudit;
        _signer = signer;
        Store = store;
        Upstream = upstream;
        Policy = policy;
        Hasher = hasher;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Admin = AdminAt(TimeProvider.System);
    }

    public string BaseUrl { get; }

    /// <summary>Every usage event the server published, as a subscriber receives them.</summary>
    public RecordedEvents Events { get; }

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public Uri OpenAiEndpoint => new(BaseUrl + "/v1");

    public TestStore Store { get; }

    public FakeUpstream Upstream { get; }

    public PolicyDocument Policy { get; }

    public ApiKeyHasher Hasher { get; }

    /// <summary>The messages account and application changes sent to users.</summary>
    public Tiergate.Testing.Notifications.RecordingUserNotifier Notifier { get; } = new();

    /// <summary>Administration as the CLI does it, against the same database the server reads.</summary>
    public AccountServices Admin { get; }

    /// <param name="time">The server's clock (a FakeTimeProvider to move minutes on); default the system clock.</param>
    /// <param name="configureServices">Runs on the server's services, as `tiergate serve`'s composition hook does (e.g. the console's).</param>
    /// <param name="mapEndpoints">Maps more endpoints on the same port after the gateway's, as the console is mapped.</param>
    public static async Task<GatewayHost> StartAsync(
        string provider,
        Func<string, string>? editPolicy = null,
        IReadOnlyList<string>? trustedProxies = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? configureServices = null,
        Action<WebApplication>? mapEndpoints = null,
        Tiergate.Monitoring.Places.PlaceOptions? places = null)
    {
        var upstream = await FakeUpstream.StartAsync();
        var store = await TestStore.CreateAsync(provider);
        var yaml = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml")))
            .Replace("base_url: builtin:sample", $"base_url: {upstream.BaseUrl}\n      api_key_env: TIERGATE_TEST_UPSTREAM_KEY", StringComparison.Ordinal);
        Environment.SetEnvironmentVariable("TIERGATE_TEST_UPSTREAM_KEY", UpstreamCredential);
        var loaded = PolicyLoader.Load(editPolicy?.Invoke(yaml) ?? yaml);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));

        var events = new RecordedEvents();
        var app = await TiergateServer.BuildAsync(
            new ServerOptions(store.Options, loaded.Policy!, ["http://127.0.0.1:0"]) { TrustedProxies = trustedProxies ?? [], Time = time ?? TimeProvider.System, Places = places },
            services =>
            {
                services.AddSingleton<IUsageEventSubscriber>(events);
                configureServices?.Invoke(services);
            },
            mapEndpoints);
        await app.StartAsync();
        var signer = AuditSigningKey.LoadOrCreate(store.Options);
        var audit = new AuditLog(store.Database, signer, TimeProvider.System);
        var hasher = new ApiKeyHasher(ServerSecret.LoadOrCreate(SecretSource.Pepper, store.Options));
        return new GatewayHost(app, store, upstream, loaded.Policy!, audit, signer, hasher, events);
    }

    public const string UpstreamCredential = "sk-upstream-credential-never-shown";

    /// <summary>Administration whose clock is <paramref name="time"/>: creates keys that are already expired, for instance.</summary>
    public AccountServices AdminAt(TimeProvider time) => AccountServices.Create(Store.Database, Policy, Hasher, _adminAudit, Notifier, time);

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        }

        return client;
    }

    /// <summary>A user at the highest identity level holding exactly <paramref name="tiers"/> (the automatic general grant is revoked unless listed).</summary>
    public async Task<string> UserWithTiersAsync(params string[] tiers)
    {
        var email = $"u{Guid.NewGuid():N}@example.org";
        await Admin.Users.AddAsync(email, "Test", "Lab", IdentityLevel.Affiliated, "test");
        if (!tiers.Contains("general"))
        {
            await Admin.Grants.RevokeAsync(email, "general", "test");
        }

        foreach (var tier in tiers.Where(t => t != "general"))
        {
            await Admin.Grants.AddAsync(email, tier, null, "test");
        }

        // The sample's elevated tiers require MFA: these users have it, as a researcher enrolled through the console would.
        await Admin.Mfa.EnrolTotpForAsync(email, "test");
        return email;
    }

    /// <summary>A key that satisfies every tier's practices in the default policy: loopback allowlist, 7-day expiry.</summary>
    public async Task<string> GoodKeyAsync(string email) =>
        (await Admin.Keys.CreateAsync(email, 7, ["127.0.0.0/8", "::1"], "test")).Key;

    /// <summary>Stops the server as a shutdown does (hosted services stopped), keeping the database for inspection.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _adminAudit.DisposeAsync();
        _signer.Dispose();
        await Upstream.DisposeAsync();
        await Store.DisposeAsync();
    }
}
