namespace Tiergate.Monitoring.Events;

/// <summary>Stable names of usage events.</summary>
public static class UsageEventKinds
{
    public const string SafeguardBlock = "safeguard.block";
    public const string SafeguardFlag = "safeguard.flag";
}
