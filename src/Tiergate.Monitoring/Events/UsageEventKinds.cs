namespace Tiergate.Monitoring.Events;

/// <summary>Stable names of usage events. Every chat request yields admitted then completed, or one denied; blocks and flags come in between.</summary>
public static class UsageEventKinds
{
    public const string Admitted = "request.admitted";
    public const string Denied = "request.denied";
    public const string Completed = "request.completed";
    public const string SafeguardBlock = "safeguard.block";
    public const string SafeguardFlag = "safeguard.flag";
}
