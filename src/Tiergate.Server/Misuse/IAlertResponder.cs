using Tiergate.Core.Policy;
using Tiergate.Storage.Alerts;

namespace Tiergate.Server.Misuse;

/// <summary>What happens after an alert is raised: the tier's graduated responses (notify, throttle, fallback, suspend…).</summary>
public interface IAlertResponder
{
    Task ApplyAsync(AlertView alert, long userId, string? keyId, TierConfig tier, CancellationToken cancellationToken);
}
