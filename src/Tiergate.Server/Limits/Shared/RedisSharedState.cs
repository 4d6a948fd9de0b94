using StackExchange.Redis;

namespace Tiergate.Server.Limits.Shared;

/// <summary>
/// The one Redis connection of an instance. It connects in the background and reconnects by itself, so a
/// gateway starts (not ready) while Redis is down; commands fail fast instead of queueing while it is.
/// </summary>
public sealed class RedisSharedState : IAsyncDisposable
{
    private RedisSharedState(IConnectionMultiplexer connection) => Connection = connection;

    public IConnectionMultiplexer Connection { get; }

    /// <summary>Connects to <paramref name="connectionString"/> (StackExchange.Redis form: <c>host:6379,password=...,ssl=true</c>).</summary>
    public static RedisSharedState Connect(string connectionString) => new(ConnectionMultiplexer.Connect(Options(connectionString)));

    /// <summary>The connection string with the gateway's defaults for what it does not say.</summary>
    public static ConfigurationOptions Options(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        // A request waits on admission: better a quick 503 (or local counting) than a queue that grows while Redis is away.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        options.ClientName ??= "tiergate";
        return options;
    }

    /// <summary>For <c>/readyz</c>: true when Redis answers a PING now.</summary>
    public async Task<bool> IsReachableAsync()
    {
        try
        {
            await Connection.GetDatabase().PingAsync().ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync().ConfigureAwait(false);
}
