using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Tiergate.Server.Limits.Shared;
using Tiergate.Testing.Redis;

namespace Tiergate.Server.IntegrationTests.Limits;

/// <summary>One redis-server for a test class; each limiter it makes counts under its own key prefix.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private readonly List<IConnectionMultiplexer> _connections = [];

    public RedisTestServer Server { get; private set; } = null!;

    /// <summary>A new connection, as a separate gateway instance would hold.</summary>
    public IConnectionMultiplexer Connect()
    {
        var connection = RedisSharedState.Connect(Server.ConnectionString).Connection;
        lock (_connections)
        {
            _connections.Add(connection);
        }

        return connection;
    }

    public RedisUsageLimiter Limiter(TimeProvider time, string prefix, IConnectionMultiplexer? connection = null) =>
        new(connection ?? Connect(), time, NullLogger<RedisUsageLimiter>.Instance, prefix);

    public async Task InitializeAsync() => Server = await RedisTestServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        await Server.DisposeAsync();
    }
}
