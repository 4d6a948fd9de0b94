namespace Tiergate.Storage.Identity.Vendors;

/// <summary>What an event says about the verification.</summary>
public enum VendorResult
{
    Verified,
    Failed,

    /// <summary>Still running (Stripe's <c>processing</c>, Persona's <c>completed</c> awaiting a decision).</summary>
    Pending,

    /// <summary>An event type this integration does not act on (answered 200 so the vendor stops sending it).</summary>
    Ignored,
}
