namespace Tiergate.Storage.Identity.Vendors;

/// <summary>One vendor webhook, read from its documented JSON shape.</summary>
/// <param name="EventId">The event's id (<c>evt_…</c>): processed once.</param>
/// <param name="Type">The event's type (<c>identity.verification_session.verified</c>, <c>inquiry.approved</c>).</param>
/// <param name="Reference">The session or inquiry it is about (<c>vs_…</c>, <c>inq_…</c>): the record's vendor reference.</param>
/// <param name="FailureCode">The vendor's reason for a failure (Stripe's <c>last_error.code</c>), when it gives one.</param>
/// <param name="Document">What the vendor verified, when the event carries it (Persona's included verifications).</param>
public sealed record VendorEvent(string EventId, string Type, string Reference, VendorResult Result, string? FailureCode = null, VerifiedDocument? Document = null)
{
    /// <summary>Longer ids, types and codes are not the vendors' and are refused as malformed.</summary>
    public const int MaxIdLength = 128;
}
