using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tiergate.Monitoring.Events;

/// <summary>Registers the in-process usage-event sink and its hosted dispatcher; subscribers are added with <c>AddSingleton&lt;IUsageEventSubscriber, T&gt;()</c>.</summary>
public static class UsageEventServices
{
    public static IServiceCollection AddUsageEvents(this IServiceCollection services)
    {
        services.TryAddSingleton<UsageEventChannel>();
        services.TryAddSingleton<IUsageEventSink>(sp => sp.GetRequiredService<UsageEventChannel>());
        services.AddHostedService<UsageEventDispatcher>();
        return services;
    }
}
