using Tiergate.Monitoring.Events;

namespace Tiergate.Testing.Gateway;

/// <summary>A subscriber that keeps every usage event the dispatcher hands it, as a real subscriber (monitoring) would see them.</summary>
public sealed class RecordedEvents : IUsageEventSubscriber
{
    private readonly List<UsageEvent> _events = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public ValueTask OnEventAsync(UsageEvent usageEvent, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            _events.Add(usageEvent);
        }

        _arrived.Release();
        return ValueTask.CompletedTask;
    }

    /// <summary>Every event so far, once <paramref name="requests"/> requests have ended (each ends with one completed or denied event).</summary>
    public async Task<IReadOnlyList<UsageEvent>> AfterRequestsAsync(int requests = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            lock (_events)
            {
                if (_events.Count(e => e.Kind is UsageEventKinds.Completed or UsageEventKinds.Denied) >= requests)
                {
                    return [.. _events];
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                lock (_events)
                {
                    throw new TimeoutException($"{requests} request(s) did not end within 10 s; events so far: {string.Join(", ", _events.Select(e => e.Kind))}");
                }
            }
        }
    }
}
