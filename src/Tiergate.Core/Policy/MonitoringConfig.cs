namespace Tiergate.Core.Policy;

/// <summary>How a tier's use is monitored.</summary>
public sealed record MonitoringConfig(MonitoringLevel Level, PrivacyMode Privacy)
{
    public static readonly MonitoringConfig Default = new(MonitoringLevel.Standard, PrivacyMode.Full);
}
