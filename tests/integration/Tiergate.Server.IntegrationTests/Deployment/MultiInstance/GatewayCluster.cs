using Tiergate.Testing.Gateway;
using Tiergate.Testing.Redis;

namespace Tiergate.Server.IntegrationTests.Deployment.MultiInstance;

/// <summary>
/// A deployment of two gateways, as docs/deployment.md describes several instances: two <c>tiergate serve</c>
/// processes, each with its own data directory and port, on ONE PostgreSQL database (schema made by
/// <c>tiergate migrate</c>) and ONE redis-server, with the three secrets shared as variables, in front of fake
/// OpenAI-compatible model servers on loopback. Without PostgreSQL or redis-server it fails loudly (run scripts/test).
/// </summary>
public sealed class GatewayCluster : IAsyncLifetime
{
    /// <summary>The <c>metered</c> tier's tokens a day: with each answer costing <see cref="MeteredAnswerTokens"/>, nine fit.</summary>
    public const int MeteredTokensPerDay = 1000;

    /// <summary>Total tokens every answer of the metered model reports (10 prompt + 100 completion): what the quota is charged.</summary>
    public const int MeteredAnswerTokens = 110;

    public const int MeteredMaxTokens = 100;

    private readonly string _root = Directory.CreateTempSubdirectory("tiergate-multi-instance-").FullName;
    private readonly List<GatewayInstance> _instances = [];
    private EmptyPostgresDatabase? _database;

    public RedisTestServer Redis { get; private set; } = null!;

    /// <summary>The model behind the <c>standard</c> variant: answers at once.</summary>
    public FakeUpstream Upstream { get; private set; } = null!;

    /// <summary>The model behind the <c>metered</c> variant: answers after a second, charging <see cref="MeteredAnswerTokens"/>.</summary>
    public FakeUpstream MeteredUpstream { get; private set; } = null!;

    internal SharedEnvironment Shared { get; private set; } = null!;

    internal GatewayInstance A { get; private set; } = null!;

    internal GatewayInstance B { get; private set; } = null!;

    public string Config => Path.Combine(_root, "policy.yaml");

    public async Task InitializeAsync()
    {
        Redis = await RedisTestServer.StartAsync();
        _database = await EmptyPostgresDatabase.CreateAsync();
        Upstream = await FakeUpstream.StartAsync();
        MeteredUpstream = await FakeUpstream.StartAsync();
        MeteredUpstream.DelayBeforeHeaders = TimeSpan.FromSeconds(1);
        MeteredUpstream.RawAnswer = $$$"""{"id":"chatcmpl-metered","object":"chat.completion","created":1,"model":"metered","choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the metered upstream"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":{{{MeteredMaxTokens}}},"total_tokens":{{{MeteredAnswerTokens}}}}}""";
        var sample = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"));
        await File.WriteAllTextAsync(Config, ClusterPolicy.From(sample, Upstream.BaseUrl, MeteredUpstream.BaseUrl, MeteredTokensPerDay));
        Shared = SharedEnvironment.WithFreshSecrets(_database.ConnectionString);

        // The deployment's migration step, once, before any gateway starts; then both start together, as replicas do;
        // then the CLI makes the users and keys the tests use (in parallel: the set-up is most of the run time).
        await Shared.SucceedAsync(DataDirectory("migrate"), "migrate");
        var instances = await Task.WhenAll(StartInstanceAsync("a"), StartInstanceAsync("b"));
        (A, B) = (instances[0], instances[1]);
        var users = await Task.WhenAll(
            UserWithKeysAsync(LoadUser, keys: 5),
            UserWithKeysAsync(QuotaUser, keys: 1, tier: "metered"),
            UserWithKeysAsync(GrantUser, keys: 1, tier: "metered"));
        (LoadKeys, QuotaKey, GrantKey) = (users[0], users[1][0], users[2][0]);
    }

    public const string LoadUser = "load@example.org";

    public const string QuotaUser = "quota@example.org";

    public const string GrantUser = "grant@example.org";

    /// <summary><see cref="LoadUser"/>'s keys (tier <c>general</c>, no limits in the way): each test uses its own.</summary>
    public IReadOnlyList<(string Id, string Key)> LoadKeys { get; private set; } = [];

    /// <summary><see cref="QuotaUser"/>'s key, scoped to the <c>metered</c> tier.</summary>
    public (string Id, string Key) QuotaKey { get; private set; }

    /// <summary><see cref="GrantUser"/>'s key, scoped to the <c>metered</c> tier.</summary>
    public (string Id, string Key) GrantKey { get; private set; }

    /// <summary>An instance (A, B, or a further one) on the same database and Redis, stopped with the cluster.</summary>
    internal async Task<GatewayInstance> StartInstanceAsync(string name)
    {
        var instance = await GatewayInstance.StartAsync(name, Shared, DataDirectory(name), Config, Redis.ConnectionString);
        lock (_instances)
        {
            _instances.Add(instance);
        }

        return instance;
    }

    /// <summary>Runs a verb with --json through instance A's CLI (its data directory, the shared variables); fails unless it exits 0.</summary>
    public Task<System.Text.Json.Nodes.JsonObject> CliAsync(params string[] args) => Shared.SucceedAsync(A.DataDirectory, args);

    /// <summary>A new user (auto-granted <c>general</c>), granted <paramref name="tier"/> too when given, and <paramref name="keys"/> keys (scoped to that tier).</summary>
    private async Task<IReadOnlyList<(string Id, string Key)>> UserWithKeysAsync(string email, int keys = 1, string? tier = null)
    {
        await CliAsync("users", "add", "--email", email);
        if (tier is not null)
        {
            await CliAsync("grants", "add", "--user", email, "--tier", tier);
        }

        string[] scope = tier is null ? [] : ["--tier", tier];
        var created = await Task.WhenAll(Enumerable.Range(0, keys).Select(_ => CliAsync(["keys", "create", "--user", email, .. scope])));
        return created.Select(k => ((string)k["id"]!, (string)k["key"]!)).ToList();
    }

    /// <summary>A data directory of its own for a process of this deployment (removed with the cluster).</summary>
    internal string DataDirectory(string name) => Path.Combine(_root, name);

    public async Task DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            instance.Dispose();
        }

        await Upstream.DisposeAsync();
        await MeteredUpstream.DisposeAsync();
        await Redis.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary directory.
        }
    }
}
