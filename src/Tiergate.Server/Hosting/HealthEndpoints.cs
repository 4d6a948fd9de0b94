using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Server.Limits.Shared;
using Tiergate.Server.Policies;
using Tiergate.Server.Shutdown;
using Tiergate.Storage;

namespace Tiergate.Server.Hosting;

/// <summary>
/// <c>/healthz</c>: the process answers (also while draining, so a liveness probe does not kill a stopping instance).
/// <c>/readyz</c>: not draining (<see cref="ShutdownDrain"/>), the database answers, and Redis when one is configured; it
/// names the running policy (<c>policy.hash</c>, <c>policy.version</c>) so that an operator can see that all instances agree.
/// </summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", async (TiergateDatabase database, [Microsoft.AspNetCore.Mvc.FromServices] PolicyHolder policies, IServiceProvider services, CancellationToken cancellationToken) =>
        {
            var running = policies.Current;
            var policy = new { hash = running.Hash, version = running.Version };
            if (services.GetService<ShutdownDrain>() is { IsDraining: true })
            {
                return Results.Json(new { status = "not ready", reason = "shutting down", policy }, statusCode: 503);
            }

            if (services.GetService<RedisSharedState>() is { } redis && !await redis.IsReachableAsync())
            {
                return Results.Json(new { status = "not ready", reason = "shared state (Redis) unreachable", policy }, statusCode: 503);
            }

            try
            {
                await using var db = database.CreateContext();
                var ready = await db.Database.CanConnectAsync(cancellationToken) && !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
                return ready ? Results.Json(new { status = "ready", policy }) : Results.Json(new { status = "not ready", policy }, statusCode: 503);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                return Results.Json(new { status = "not ready", policy }, statusCode: 503);
            }
        });
    }
}
