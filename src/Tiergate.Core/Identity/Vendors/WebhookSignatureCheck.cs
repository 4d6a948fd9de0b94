namespace Tiergate.Core.Identity.Vendors;

/// <summary>What checking a webhook's signature header found.</summary>
public enum WebhookSignatureCheck
{
    Valid,

    /// <summary>No header.</summary>
    Missing,

    /// <summary>A header that is not <c>t=…,v1=…</c> (groups, hex of the right length).</summary>
    Malformed,

    /// <summary>No <c>v1</c> matches the body under the secret.</summary>
    Mismatch,

    /// <summary>A matching signature whose time is more than the tolerance from now (a replay of an old delivery).</summary>
    Stale,
}
