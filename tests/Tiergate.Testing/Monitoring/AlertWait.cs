using Tiergate.Storage.Alerts;

namespace Tiergate.Testing.Monitoring;

/// <summary>Alerts are raised on the event dispatcher's task, after the request has been answered: tests wait for them.</summary>
public static class AlertWait
{
    /// <summary>The detector's alerts, newest first, once there are <paramref name="count"/>; fails after 10 s.</summary>
    public static async Task<IReadOnlyList<AlertView>> ForAsync(AlertStore alerts, string detector, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        for (var i = 0; i < 100; i++)
        {
            var found = (await alerts.ListAsync(null, null, "test")).Where(a => a.Detector == detector).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"fewer than {count} {detector} alerts within 10 s");
    }
}
