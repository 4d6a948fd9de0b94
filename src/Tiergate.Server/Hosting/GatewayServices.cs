using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Tiergate.Core.Access;
using Tiergate.Core.Audit;
using Tiergate.Core.Keys;
using Tiergate.Monitoring.Detectors;
using Tiergate.Core.Notifications;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Places;
using Tiergate.Server.AuditHealth;
using Tiergate.Server.Events;
using Tiergate.Server.Gateway;
using Tiergate.Server.Limits;
using Tiergate.Server.Limits.Shared;
using Tiergate.Server.Misuse;
using Tiergate.Server.Moderation;
using Tiergate.Server.Policies;
using Tiergate.Server.Proxy;
using Tiergate.Server.Responses;
using Tiergate.Server.Retention;
using Tiergate.Server.Screening;
using Tiergate.Storage;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Accounts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Monitoring;
using Tiergate.Storage.Policies;
using Tiergate.Storage.Responses;
using Tiergate.Storage.Retention;
using Tiergate.Storage.Secrets;

namespace Tiergate.Server.Hosting;

/// <summary>
/// Registers the gateway's services. State that several instances must share sits behind a seam
/// (<see cref="ICallerStore"/>, <see cref="IUsageLimiter"/>, <see cref="IUsageEventSink"/>), registered
/// with TryAdd so that a host can register its own implementation first.
/// </summary>
public static class GatewayServices
{
    /// <param name="initialPolicy">The policy to start with (<see cref="PolicyStartup"/>); null: <see cref="ServerOptions.Policy"/>, unstored.</param>
    public static IServiceCollection AddTiergateGateway(this IServiceCollection services, ServerOptions options, TiergateDatabase database, PolicySnapshot? initialPolicy = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(options.Time);

        // The policy the process started with: what is loaded once (screening engine, guards) and the console use it;
        // the gateway's request path reads PolicyHolder, which reloads swap (docs/configuration.md).
        services.AddSingleton(options.Policy);
        AddPolicyReload(services, options, database, initialPolicy ?? new PolicySnapshot(options.Policy, null, null));
        services.AddSingleton(database);
        services.AddSingleton(new ApiKeyHasher(ServerSecret.LoadOrCreate(SecretSource.Pepper, options.Storage)));
        services.AddSingleton(_ => AuditSigningKey.LoadOrCreate(options.Storage));
        // TryAdd, as for the shared-state seams: a host (a fault test) may supply its own log first.
        services.TryAddSingleton<IAuditLog>(sp => new AuditLog(database, sp.GetRequiredService<AuditSigningKey>(), options.Time, null, sp.GetRequiredService<ILogger<AuditLog>>(),
            new AuditLogMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>().Create(new System.Diagnostics.Metrics.MeterOptions(AuditLogMetrics.MeterName)))));

        services.TryAddSingleton<ICallerStore, CallerStore>();
        if (options.Redis is { } redis)
        {
            services.AddRedisSharedState(redis);
        }

        services.TryAddSingleton<IUsageLimiter, InProcessUsageLimiter>();
        AddMonitoring(services, options, database);
        services.AddUsageEvents();
        services.AddSingleton(sp => new AlertStore(database, sp.GetRequiredService<IAuditLog>(), options.Time));
        AddAuditUpkeep(services, options, database);
        services.AddSingleton<DroppedEventsWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<DroppedEventsWatch>());
        services.AddSingleton(new TrafficStore(database));
        services.AddSingleton<TrafficRecorder>();
        services.AddSingleton<IUsageEventSubscriber>(sp => sp.GetRequiredService<TrafficRecorder>());
        services.AddHostedService(sp => sp.GetRequiredService<TrafficRecorder>());

        // Graduated responses: made by the monitor subscriber, confirmed or reversed by reviewers (console, CLI), and
        // enforced by the gateway from an in-memory board. Mail goes through the console's notifier when it is composed in.
        services.AddSingleton(sp => new ResponseStore(database, sp.GetRequiredService<IAuditLog>(), options.Time, sp.GetService<IUserNotifier>()));
        services.AddSingleton<AlertResponses>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertResponses>());
        services.AddSingleton<IAlertResponder>(sp => sp.GetRequiredService<AlertResponses>());

        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<UpstreamRegistry>();
        services.AddSingleton<ChatProxy>();
        services.AddSingleton<AuthFailureThrottle>();
        services.AddHostedService(sp => sp.GetRequiredService<AuthFailureThrottle>());
        services.AddSingleton<GatewayAudit>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<GatewayEvents>();
        services.AddSingleton<ContentScreening>();
        services.AddSingleton<GuardScreening>();
        services.AddSingleton<GatewayDenial>();
        services.AddSingleton<ModerationsEndpoint>();
        services.AddSingleton<SafeguardRecorder>();
        services.AddSingleton<ChatCompletionsEndpoint>();
        services.AddSingleton<ModelsEndpoint>();
        return services;
    }

    /// <summary>The running policy's holder, and what swaps it: the stored-version poll and SIGHUP.</summary>
    private static void AddPolicyReload(IServiceCollection services, ServerOptions options, TiergateDatabase database, PolicySnapshot initial)
    {
        services.AddSingleton(new PolicyHolder(initial));
        services.AddSingleton(options.PolicySource);
        services.AddSingleton(sp => new PolicyVersionStore(database, sp.GetRequiredService<IAuditLog>(), options.Time));
        services.AddSingleton<PolicyReloader>();
        services.AddHostedService<PolicyWatcher>();
    }

    /// <summary>Detectors and their stored state; registered before the event dispatcher so that the last flush runs after it stops.</summary>
    private static void AddMonitoring(IServiceCollection services, ServerOptions options, TiergateDatabase database)
    {
        services.AddSingleton(_ => new MonitorPlaces(options.Places is { } places ? new PlaceLookup(places) : null));
        services.AddSingleton(sp => new Tiergate.Storage.Identity.Links.AsnLookup(address => sp.GetRequiredService<MonitorPlaces>().Lookup(address)?.Asn));
        services.AddSingleton(sp => new MonitorEngine(() => sp.GetRequiredService<PolicyHolder>().Policy));
        services.AddSingleton(_ => new MonitorStateStore(database, options.Time));
        services.AddSingleton<MonitorSubscriber>();
        if (options.Detectors)
        {
            services.AddSingleton<IUsageEventSubscriber>(sp => sp.GetRequiredService<MonitorSubscriber>());
            services.AddHostedService<MonitorStateFlusher>();
        }
    }

    /// <summary>The audit outage watch (metric, critical log, alert), scheduled audit retention when configured, and monitoring retention.</summary>
    private static void AddAuditUpkeep(IServiceCollection services, ServerOptions options, TiergateDatabase database)
    {
        services.AddSingleton<AuditAvailabilityWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditAvailabilityWatch>());
        if (options.AuditRetention is { } retention)
        {
            services.AddSingleton(retention);
            services.AddSingleton<AuditRetentionMetrics>();
            services.AddSingleton(sp => new AuditArchiver(database.CreateContext, sp.GetRequiredService<AuditSigningKey>(), options.Time));
            services.AddSingleton<AuditRetentionService>();
            services.AddHostedService(sp => sp.GetRequiredService<AuditRetentionService>());
        }

        // Each tier's retention of usage events and alerts always applies (the policy has defaults), on the same schedule.
        services.AddSingleton<MonitoringRetentionMetrics>();
        services.AddSingleton(sp => new MonitoringRetentionService(
            options.Policy, new MonitoringRetention(database), sp.GetRequiredService<IAuditLog>(), sp.GetRequiredService<MonitoringRetentionMetrics>(), options.Time,
            options.AuditRetention?.Interval ?? options.RetentionInterval, sp.GetRequiredService<ILogger<MonitoringRetentionService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<MonitoringRetentionService>());
    }
}
