using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Tiergate.Storage;

namespace Tiergate.Server.Hosting;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the database answers too.</summary>
internal static class HealthEndpoints
{
    public static void MapHealth(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/readyz", async (TiergateDatabase database, CancellationToken cancellationToken) =>
        {
            try
            {
                await using var db = database.CreateContext();
                var ready = await db.Database.CanConnectAsync(cancellationToken) && !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
                return ready ? Results.Json(new { status = "ready" }) : Results.Json(new { status = "not ready" }, statusCode: 503);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                return Results.Json(new { status = "not ready" }, statusCode: 503);
            }
        });
    }
}
