using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tiergate.Server.Hosting;
using Tiergate.Storage;

namespace Tiergate.Server.Tests.Deployment;

/// <summary>The routes <c>tiergate serve</c> maps for probes, read from the endpoint table (nothing is started).</summary>
internal static class ServerRoutes
{
    public static IReadOnlySet<string> Health()
    {
        var builder = WebApplication.CreateSlimBuilder();

        // Registered so the handlers' parameters are known services; never constructed.
        builder.Services.AddSingleton<TiergateDatabase>(_ => throw new InvalidOperationException("not constructed in a route listing"));
        using var app = builder.Build();
        app.MapHealth();
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet(StringComparer.Ordinal);
    }
}
