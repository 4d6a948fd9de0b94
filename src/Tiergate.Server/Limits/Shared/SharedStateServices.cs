using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tiergate.Server.Limits.Shared;

/// <summary>Composes the Redis-backed limiter when a Redis connection is configured (<c>serve --redis</c>).</summary>
public static class SharedStateServices
{
    /// <summary>Registers <see cref="SharedUsageLimiter"/> as the <see cref="IUsageLimiter"/>; call before the gateway's TryAdd.</summary>
    public static IServiceCollection AddRedisSharedState(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => RedisSharedState.Connect(connectionString));
        services.AddSingleton(sp => new RedisUsageLimiter(sp.GetRequiredService<RedisSharedState>().Connection, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RedisUsageLimiter>>()));
        services.AddSingleton(sp => new InProcessUsageLimiter(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SharedUsageLimiter(sp.GetRequiredService<RedisUsageLimiter>(), sp.GetRequiredService<InProcessUsageLimiter>(), sp.GetRequiredService<ILogger<SharedUsageLimiter>>()));
        services.AddSingleton<IUsageLimiter>(sp => sp.GetRequiredService<SharedUsageLimiter>());
        return services;
    }
}
