namespace Tiergate.Core.Errors;

/// <summary>The catalogue of every error Tiergate reports; docs/error-codes.md mirrors it (a test checks).</summary>
public static class ErrorCodes
{
    private const string Auth = "authentication_error";
    private const string Permission = "permission_error";
    private const string Invalid = "invalid_request_error";
    private const string NotFound = "not_found_error";
    private const string RateLimit = "rate_limit_error";
    private const string Upstream = "api_error";
    private const string Cli = "cli_error";

    // Gateway: authentication.
    public static readonly ErrorCode MissingApiKey = new("TG1001", "missing_api_key", 401, Auth, "No API key was sent (Authorization: Bearer tg_...).");
    public static readonly ErrorCode InvalidApiKey = new("TG1002", "invalid_api_key", 401, Auth, "The key is malformed, unknown, or its secret does not match.");
    public static readonly ErrorCode KeyRevoked = new("TG1003", "key_revoked", 401, Auth, "The key was revoked.");
    public static readonly ErrorCode KeyExpired = new("TG1004", "key_expired", 401, Auth, "The key is past its expiry.");
    public static readonly ErrorCode AccountDisabled = new("TG1005", "account_disabled", 403, Permission, "The key's owner is disabled.");

    // Gateway: authorisation.
    public static readonly ErrorCode IpNotAllowed = new("TG1010", "ip_not_allowed", 403, Permission, "The caller's address is outside the key's IP allowlist.");
    public static readonly ErrorCode ModelNotAllowed = new("TG1011", "model_not_allowed", 403, Permission, "The variant is in none of the caller's active tiers.");
    public static readonly ErrorCode IdentityInsufficient = new("TG1012", "identity_insufficient", 403, Permission, "The tier requires a stronger identity verification than the caller has.");
    public static readonly ErrorCode MfaRequired = new("TG1013", "mfa_required", 403, Permission, "The tier requires multi-factor authentication, which the caller has not enrolled.");
    public static readonly ErrorCode IpAllowlistRequired = new("TG1014", "ip_allowlist_required", 403, Permission, "The tier requires keys restricted to an IP allowlist.");
    public static readonly ErrorCode KeyLifetimeTooLong = new("TG1015", "key_lifetime_too_long", 403, Permission, "The tier requires keys that expire sooner than this one does.");
    public static readonly ErrorCode TierNotHeld = new("TG1016", "tier_not_held", 403, Permission, "X-Tiergate-Tier names a tier the caller does not actively hold, or one without this variant.");

    // Gateway: the request itself.
    public static readonly ErrorCode ModelNotFound = new("TG1020", "model_not_found", 404, NotFound, "No variant has this name.");
    public static readonly ErrorCode InvalidRequest = new("TG1022", "invalid_request", 400, Invalid, "The body is not a valid chat completion request.");
    public static readonly ErrorCode RouteNotFound = new("TG1024", "route_not_found", 404, NotFound, "No endpoint at this path (Tiergate serves /v1/models and /v1/chat/completions).");
    public static readonly ErrorCode MethodNotAllowed = new("TG1025", "method_not_allowed", 405, Invalid, "The endpoint exists but not for this HTTP method.");
    public static readonly ErrorCode RequestTooLarge = new("TG1023", "request_too_large", 413, Invalid, "The body exceeds gateway.max_request_bytes.");
    public static readonly ErrorCode RateLimited = new("TG1030", "rate_limited", 429, RateLimit, "The tier's requests-per-minute or tokens-per-minute limit is reached; see Retry-After.");
    public static readonly ErrorCode QuotaExceeded = new("TG1031", "quota_exceeded", 429, RateLimit, "The tier's daily token quota is spent; see Retry-After.");

    // Gateway: content screening.
    public static readonly ErrorCode ContentBlocked = new("TG1050", "content_blocked", 400, Invalid, "The tier's safeguard profile blocks this hazard category in the prompt or the answer; the error names the category.");

    // Gateway: upstream.
    public static readonly ErrorCode UpstreamError = new("TG1040", "upstream_error", 502, Upstream, "The variant's upstream failed or answered with an error.");
    public static readonly ErrorCode UpstreamTimeout = new("TG1041", "upstream_timeout", 504, Upstream, "The upstream did not answer within gateway.upstream_timeout_seconds.");

    // Gateway: the server.
    public static readonly ErrorCode AuditUnavailable = new("TG1060", "audit_unavailable", 503, Upstream, "The audit record could not be written, so the request was refused (fail closed).");
    public static readonly ErrorCode InternalError = new("TG1099", "internal_error", 500, Upstream, "An unexpected failure inside Tiergate; the log has details.");

    // Command line and admin operations.
    public static readonly ErrorCode UnknownUser = new("TG2001", "unknown_user", 404, Cli, "No user has this email.");
    public static readonly ErrorCode UnknownTier = new("TG2002", "unknown_tier", 404, Cli, "The policy has no tier of this name.");
    public static readonly ErrorCode UserExists = new("TG2003", "user_exists", 409, Cli, "A user with this email already exists.");
    public static readonly ErrorCode InvalidArgument = new("TG2004", "invalid_argument", 400, Cli, "An argument is malformed (email, CIDR, number of days, ...).");
    public static readonly ErrorCode UnknownKey = new("TG2005", "unknown_key", 404, Cli, "No API key has this id.");
    public static readonly ErrorCode GrantIdentityInsufficient = new("TG2006", "grant_identity_insufficient", 409, Cli, "The user's identity level is below what the tier requires.");
    public static readonly ErrorCode GrantNotFound = new("TG2007", "grant_not_found", 404, Cli, "The user holds no active grant of this tier.");
    public static readonly ErrorCode PolicyInvalid = new("TG2008", "policy_invalid", 400, Cli, "The policy file has errors; each is listed with its path.");
    public static readonly ErrorCode StorageUnavailable = new("TG2009", "storage_unavailable", 503, Cli, "The database cannot be opened or written.");
    public static readonly ErrorCode SettingsInvalid = new("TG2010", "settings_invalid", 400, Cli, "The deployment settings (--settings file, TIERGATE_ variables, flags) have errors; each is listed with its path and source.");

    public static IReadOnlyList<ErrorCode> All { get; } = typeof(ErrorCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ErrorCode))
        .Select(f => (ErrorCode)f.GetValue(null)!)
        .ToList();
}
