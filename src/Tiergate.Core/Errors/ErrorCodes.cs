namespace Tiergate.Core.Errors;

/// <summary>
/// The gateway's errors, and those of the <c>tiergate</c> command as a whole (policy, storage, arguments).
/// Each account aggregate keeps its own list beside it (<c>UserErrors</c>, <c>GrantErrors</c>, <c>KeyErrors</c>
/// in Tiergate.Storage); docs/error-codes.md is generated from all of them (<c>scripts/gen-error-codes</c>).
/// </summary>
public static class ErrorCodes
{
    private const string Auth = ErrorTypes.Authentication;
    private const string Permission = ErrorTypes.Permission;
    private const string Invalid = ErrorTypes.InvalidRequest;
    private const string NotFound = ErrorTypes.NotFound;
    private const string RateLimit = ErrorTypes.RateLimit;
    private const string Upstream = ErrorTypes.Api;

    // Gateway: authentication.
    public static readonly ErrorCode MissingApiKey = new("TG1001", "missing_api_key", 401, Auth, "No API key was sent (Authorization: Bearer tg_...).");
    public static readonly ErrorCode InvalidApiKey = new("TG1002", "invalid_api_key", 401, Auth, "The key is malformed, unknown, or its secret does not match.");
    public static readonly ErrorCode KeyRevoked = new("TG1003", "key_revoked", 401, Auth, "The key was revoked.");
    public static readonly ErrorCode KeyExpired = new("TG1004", "key_expired", 401, Auth, "The key is past its expiry.");
    public static readonly ErrorCode AccountDisabled = new("TG1005", "account_disabled", 403, Permission, "The key's owner is disabled.");

    // Gateway: authorisation.
    public static readonly ErrorCode IpNotAllowed = new("TG1010", "ip_not_allowed", 403, Permission, "The caller's address is outside the key's IP allowlist.");
    public static readonly ErrorCode ModelNotAllowed = new("TG1011", "model_not_allowed", 403, Permission, "Recorded only (audit log, usage events): the variant is in none of the caller's active tiers. The client is answered model_not_found, so variants cannot be enumerated.");
    public static readonly ErrorCode IdentityInsufficient = new("TG1012", "identity_insufficient", 403, Permission, "The tier requires a stronger identity verification than the caller has.");
    public static readonly ErrorCode MfaRequired = new("TG1013", "mfa_required", 403, Permission, "The tier requires multi-factor authentication, which the caller has not enrolled.");
    public static readonly ErrorCode IpAllowlistRequired = new("TG1014", "ip_allowlist_required", 403, Permission, "The tier requires keys restricted to an IP allowlist.");
    public static readonly ErrorCode KeyLifetimeTooLong = new("TG1015", "key_lifetime_too_long", 403, Permission, "The tier requires keys that expire sooner than this one does.");
    public static readonly ErrorCode IdentityVerificationStale = new("TG1028", "identity_verification_stale", 403, Permission, "The tier sets identity_max_age_days and the caller's newest valid identity verification is older than that; verify again.");
    public static readonly ErrorCode TierNotHeld = new("TG1016", "tier_not_held", 403, Permission, "Recorded only (audit log, usage events): X-Tiergate-Tier names a tier the caller does not actively hold, or one without this variant. The client is answered model_not_found, so tiers cannot be enumerated.");
    public static readonly ErrorCode KeySuspended = new("TG1017", "key_suspended", 403, Permission, "A monitoring response (suspend-key) suspended this key; a reviewer can reverse it (`tiergate responses reverse`, console /responses).");
    public static readonly ErrorCode GrantSuspended = new("TG1018", "grant_suspended", 403, Permission, "A monitoring response (suspend-grant) suspended the caller's grant to this tier; a reviewer can reverse it.");
    public static readonly ErrorCode ReauthenticationRequired = new("TG1019", "reauthentication_required", 401, Auth, "A monitoring response (require-reauth) stopped the user's keys until they sign in to the console with their second factor (TOTP, recovery code or passkey).");

    // Gateway: the request itself.
    public static readonly ErrorCode ModelNotFound = new("TG1020", "model_not_found", 404, NotFound, "No variant of this name is available to the caller: it does not exist, is in none of the caller's tiers, or X-Tiergate-Tier names a tier the caller does not hold (one answer for all three).");
    public static readonly ErrorCode InvalidRequest = new("TG1022", "invalid_request", 400, Invalid, "The body is not a valid chat completion request (or, on /v1/moderations, not a valid moderation request: input missing, empty, of the wrong type, or too many items); param names the field.");
    public static readonly ErrorCode RouteNotFound = new("TG1024", "route_not_found", 404, NotFound, "No endpoint at this path (Tiergate serves /v1/models, /v1/chat/completions and /v1/moderations).");
    public static readonly ErrorCode UnsupportedParameter = new("TG1026", "unsupported_parameter", 400, Invalid, "The body has a parameter (or a message field or content part type) outside OpenAI's Chat Completions API that the variant does not list in upstream.pass_through; param names it.");
    public static readonly ErrorCode ModalityNotAllowed = new("TG1027", "modality_not_allowed", 400, Invalid, "The body has an image, audio or file part (or asks for audio output) and the variant's modalities do not include it; param names the part.");
    public static readonly ErrorCode MethodNotAllowed = new("TG1025", "method_not_allowed", 405, Invalid, "The endpoint exists but not for this HTTP method.");
    public static readonly ErrorCode RequestTooLarge = new("TG1023", "request_too_large", 413, Invalid, "The body exceeds gateway.max_request_bytes.");
    public static readonly ErrorCode RateLimited = new("TG1030", "rate_limited", 429, RateLimit, "The tier's requests-per-minute or tokens-per-minute limit is reached; see Retry-After.");
    public static readonly ErrorCode TooManyAuthFailures = new("TG1035", "too_many_auth_failures", 429, RateLimit, "More than 20 failed authentications from this address (an IPv6 /64) this minute: further bad keys are refused until the minute ends (see Retry-After). A valid key is not affected.");
    public static readonly ErrorCode QuotaExceeded = new("TG1031", "quota_exceeded", 429, RateLimit, "The tier's daily token quota is spent; see Retry-After.");

    // Gateway: content screening.
    public static readonly ErrorCode ContentBlocked = new("TG1050", "content_blocked", 400, Invalid, "The tier's safeguard profile blocks this hazard category in the prompt or the answer; the error names the category.");
    public static readonly ErrorCode GuardUnavailable = new("TG1051", "guard_unavailable", 503, Upstream, "The tier's guard model (safeguards.guards) did not answer in time, failed, or answered in an unreadable form, and the tier fails closed (safeguards.guard.on_failure: closed, the default): the prompt was not sent, or the answer was stopped. Retry later.");

    // Gateway: upstream.
    public static readonly ErrorCode UpstreamError = new("TG1040", "upstream_error", 502, Upstream, "The variant's upstream failed or answered with an error.");
    public static readonly ErrorCode UpstreamTimeout = new("TG1041", "upstream_timeout", 504, Upstream, "The upstream did not answer within gateway.upstream_timeout_seconds.");
    public static readonly ErrorCode UpstreamInvalid = new("TG1042", "upstream_invalid", 502, Upstream, "The upstream's answer could not be read (not JSON, or not the shape of a completion or chunk), so on a tier that can block it was not passed on; mid-stream the stream ends with this error and no [DONE].");

    // Gateway: the server.
    public static readonly ErrorCode AuditUnavailable = new("TG1060", "audit_unavailable", 503, Upstream, "The audit record could not be written, so the request was refused (fail closed).");
    public static readonly ErrorCode SharedStateUnavailable = new("TG1065", "shared_state_unavailable", 503, Upstream, "The shared counters (Redis) cannot be reached and the tier's limits.when_shared_state_down is refuse, so the request was refused rather than counted on one instance only; see Retry-After.");
    public static readonly ErrorCode ShuttingDown = new("TG1068", "shutting_down", 503, Upstream, "This instance is draining before it stops (SIGTERM): it finishes the requests in flight but takes no new ones, and /readyz answers 503. Retry; a load balancer sends the request to another instance.");
    public static readonly ErrorCode InternalError = new("TG1099", "internal_error", 500, Upstream, "An unexpected failure inside Tiergate; the log has details.");

    // The command as a whole (and the admin API): account errors live with their aggregates (TG2001-TG2003, TG2005-TG2007).
    public static readonly ErrorCode InvalidArgument = new("TG2004", "invalid_argument", 400, Invalid, "An argument is malformed (email, CIDR, number of days, ...).");
    public static readonly ErrorCode PolicyInvalid = new("TG2008", "policy_invalid", 400, Invalid, "The policy file has errors; each is listed with its path.");
    public static readonly ErrorCode PolicyNeedsRestart = new("TG2150", "policy_needs_restart", 409, Invalid, "The new policy changes parts a running gateway loads only at start (safeguards.directory, safeguards.guards), so it was not applied live; each part is listed with its path. Change the file and restart instead.");
    public static readonly ErrorCode StorageUnavailable = new("TG2009", "storage_unavailable", 503, Upstream, "The database cannot be opened or written.");
    public static readonly ErrorCode AuditArchiveBusy = new("TG2025", "audit_archive_busy", 409, Invalid, "Another archiver (another server instance's retention, or another `tiergate audit archive`) is archiving the audit log; nothing was changed. Try again when it has finished.");
    public static readonly ErrorCode AuditChainInvalid = new("TG2026", "audit_chain_invalid", 409, Invalid, "The audit records to archive do not verify, so nothing was archived or removed; run `tiergate audit verify` to find the first bad record.");
    public static readonly ErrorCode DatabaseNotFound = new("TG2020", "database_not_found", 404, NotFound, "A verb that works on existing data found no Tiergate database at --data (or --database); it creates none. Check the path, or add a user first.");
    public static readonly ErrorCode PolicyGuardInvalid = new("TG2140", "policy_guard_invalid", 400, Invalid, "A guard declared in the policy's safeguards.guards is invalid: missing or duplicate name, unknown kind, a url that is not http(s), a model missing for a chat guard, an api_key_env that is not a variable name, or timeout_ms / cache_size out of range.");
    public static readonly ErrorCode PolicyGuardUnknown = new("TG2141", "policy_guard_unknown", 400, Invalid, "A tier's safeguards.guard.input or .output names a guard that safeguards.guards does not declare.");
    public static readonly ErrorCode SettingsInvalid = new("TG2010", "settings_invalid", 400, Invalid, "The deployment settings (--settings file, TIERGATE_ variables, flags) have errors; each is listed with its path and source.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(ErrorCodes));
}
