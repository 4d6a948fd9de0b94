using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Core.Keys;
using Tiergate.Server.Gateway;
using Tiergate.Server.Limits;
using Tiergate.Monitoring.Events;
using Tiergate.Server.Proxy;
using Tiergate.Server.Screening;
using Tiergate.Storage;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Secrets;

namespace Tiergate.Server.Hosting;

/// <summary>Composes the server: one place that knows every service and route.</summary>
public static class TiergateServer
{
    // Paths with an endpoint: any other method on them is a 405, not a 404.
    private static readonly HashSet<string> Endpoints = new(StringComparer.Ordinal) { "/v1/models", "/v1/chat/completions", "/healthz", "/readyz" };

    /// <summary>Migrates the database (opening its key ring) and composes the server; fails closed if either cannot be done.</summary>
    public static async Task<WebApplication> BuildAsync(ServerOptions options, Action<IServiceCollection>? configure = null)
    {
        var database = TiergateDatabase.Open(options.Storage);
        await database.MigrateAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = null; // RequestBody enforces the policy's limit with an OpenAI-shaped 413.
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        AddTiergate(builder.Services, options, database);
        configure?.Invoke(builder.Services);

        var app = builder.Build();

        // Fail at start, not on the first request, when the screening engine cannot load.
        app.Services.GetRequiredService<ContentScreening>();
        app.UseMiddleware<UnhandledErrors>();
        app.MapHealth();
        app.MapGet("/v1/models", (HttpContext c, ModelsEndpoint e) => e.HandleAsync(c));
        app.MapPost("/v1/chat/completions", (HttpContext c, ChatCompletionsEndpoint e) => e.HandleAsync(c));
        app.MapFallback((HttpContext c) => Endpoints.Contains(c.Request.Path.Value ?? "")
            ? OpenAiError.WriteAsync(c, ErrorCodes.MethodNotAllowed, $"{c.Request.Method} is not allowed on {c.Request.Path}.")
            : OpenAiError.WriteAsync(c, ErrorCodes.RouteNotFound, $"No endpoint at {c.Request.Path}."));
        return app;
    }

    private static void AddTiergate(IServiceCollection services, ServerOptions options, TiergateDatabase database)
    {
        services.AddSingleton(options.Time);
        services.AddSingleton(options.Policy);
        services.AddSingleton(database);
        services.AddSingleton(new ApiKeyHasher(ServerSecret.LoadOrCreate(SecretSource.Pepper, options.Storage)));
        services.AddSingleton(_ => AuditSigningKey.LoadOrCreate(options.Storage));
        services.AddSingleton<IAuditLog>(sp => new AuditLog(database, sp.GetRequiredService<AuditSigningKey>(), options.Time, null, sp.GetRequiredService<ILogger<AuditLog>>()));
        services.AddSingleton<CallerStore>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<UsageLimiter>();
        services.AddSingleton<UpstreamRegistry>();
        services.AddSingleton<ChatProxy>();
        services.AddSingleton<GatewayAudit>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<ContentScreening>();
        services.AddSingleton<UsageEventChannel>();
        services.AddSingleton<SafeguardRecorder>();
        services.AddSingleton<ChatCompletionsEndpoint>();
        services.AddSingleton<ModelsEndpoint>();
    }
}
