using Tiergate.Core.Errors;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>Identity vendors' webhooks and sessions, and affiliation by institutional address (TG2110-TG2119).</summary>
public static class VendorErrors
{
    public static readonly ErrorCode VendorNotConfigured = new("TG2110", "vendor_not_configured", 404, ErrorTypes.NotFound, "This identity vendor is not configured on this deployment (its TIERGATE_IDENTITY__… secrets are not set): its webhook endpoint and its verification flow do not exist here.");
    public static readonly ErrorCode WebhookSignatureInvalid = new("TG2111", "webhook_signature_invalid", 401, ErrorTypes.Authentication, "A vendor webhook without a valid signature header (Stripe-Signature or Persona-Signature: t=…,v1=HMAC-SHA256 over \"t.body\" with the endpoint's webhook secret); nothing was changed.");
    public static readonly ErrorCode WebhookTimestampStale = new("TG2112", "webhook_timestamp_stale", 401, ErrorTypes.Authentication, "A vendor webhook whose signed time is more than 300 s from the server's clock (a replayed delivery, or a clock out of step); nothing was changed.");
    public static readonly ErrorCode WebhookDuplicate = new("TG2113", "webhook_duplicate", 200, ErrorTypes.Conflict, "A vendor webhook whose event id was already processed (a replay inside the tolerance, or the vendor's retry): answered 200 so the vendor stops retrying, and nothing was changed.");
    public static readonly ErrorCode WebhookMalformed = new("TG2114", "webhook_malformed", 400, ErrorTypes.InvalidRequest, "A correctly signed vendor webhook whose body is not the vendor's event JSON (no event id, type or session); nothing was changed.");
    public static readonly ErrorCode WebhookUnknownSession = new("TG2115", "webhook_unknown_session", 404, ErrorTypes.NotFound, "A vendor webhook about a verification session or inquiry Tiergate did not start; nothing was changed.");
    public static readonly ErrorCode WebhookTooLarge = new("TG2116", "webhook_too_large", 413, ErrorTypes.InvalidRequest, "A vendor webhook body over 256 KiB; refused unread.");
    public static readonly ErrorCode VendorUnavailable = new("TG2117", "vendor_unavailable", 502, ErrorTypes.Api, "The identity vendor's API failed or answered unexpectedly when a verification was started or its result fetched; nothing was recorded (a webhook is answered 502 so the vendor retries).");
    public static readonly ErrorCode AffiliationDomainNotListed = new("TG2118", "affiliation_domain_not_listed", 409, ErrorTypes.Conflict, "The address is not at a domain in identity.affiliation_domains (or a subdomain of one), so it confirms no affiliation; a reviewer can record one.");
    public static readonly ErrorCode EmailNotVerified = new("TG2119", "email_not_verified", 409, ErrorTypes.Conflict, "The address has not been confirmed through its mailed link, so it confirms no affiliation yet.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(VendorErrors));
}
