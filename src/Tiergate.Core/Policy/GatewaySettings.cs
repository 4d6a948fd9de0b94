namespace Tiergate.Core.Policy;

/// <summary>Gateway-wide limits that are not per tier.</summary>
public sealed record GatewaySettings(long MaxRequestBytes, TimeSpan UpstreamTimeout)
{
    public static readonly GatewaySettings Default = new(1024 * 1024, TimeSpan.FromSeconds(120));
}
