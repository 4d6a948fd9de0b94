namespace Tiergate.Core.Policy;

/// <summary>Practices a tier's users must follow for its variants to be reachable.</summary>
/// <param name="Mfa">The user must have multi-factor authentication enrolled.</param>
/// <param name="IpAllowlist">The API key must be restricted to an IP allowlist.</param>
/// <param name="MaxKeyDays">The API key must expire within this many days of its creation.</param>
public sealed record SecurityPractices(bool Mfa, bool IpAllowlist, int? MaxKeyDays)
{
    public static readonly SecurityPractices None = new(false, false, null);
}
