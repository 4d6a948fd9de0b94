using Tiergate.Core.Errors;

namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>Errors of the passkey (WebAuthn) endpoints under <c>/account/passkeys</c> and <c>/login/passkey</c> (ids and names are a public contract).</summary>
public static class PasskeyErrors
{
    public static readonly ErrorCode Malformed = new("TG2070", "passkey_malformed", 400, ErrorTypes.InvalidRequest, "The body is not JSON of the expected shape (or is too large).");
    public static readonly ErrorCode ChallengeInvalid = new("TG2071", "passkey_challenge_invalid", 400, ErrorTypes.InvalidRequest, "No passkey ceremony is open for this browser and account: never started, expired (5 minutes), already used once, or started for another account.");
    public static readonly ErrorCode Invalid = new("TG2072", "passkey_invalid", 400, ErrorTypes.InvalidRequest, "The authenticator's answer failed verification: wrong origin, relying party or challenge, a bad signature, or no user verification.");
    public static readonly ErrorCode Unknown = new("TG2073", "passkey_unknown", 400, ErrorTypes.InvalidRequest, "The passkey is not registered here (or was removed), or belongs to another account.");
    public static readonly ErrorCode SignCountRegressed = new("TG2074", "passkey_sign_count", 400, ErrorTypes.InvalidRequest, "The authenticator's signature counter did not rise above the last one seen: a replayed answer or a cloned authenticator.");
    public static readonly ErrorCode NameInvalid = new("TG2075", "passkey_name_invalid", 400, ErrorTypes.InvalidRequest, "The passkey's name is empty, longer than 60 characters, or has control characters.");
    public static readonly ErrorCode AlreadyRegistered = new("TG2076", "passkey_already_registered", 409, ErrorTypes.Conflict, "This authenticator's credential is already registered.");
    public static readonly ErrorCode Forgery = new("TG2077", "request_forgery", 400, ErrorTypes.InvalidRequest, "The antiforgery token (header RequestVerificationToken) is missing or does not match the cookie.");
    public static readonly ErrorCode SignInRequired = new("TG2078", "sign_in_required", 401, ErrorTypes.Authentication, "The endpoint needs a signed-in session (or, for the second factor, a correct password first).");
    public static readonly ErrorCode StepUpRequired = new("TG2079", "step_up_required", 403, ErrorTypes.Permission, "Adding a passkey to an account that already has a second factor needs that factor proved within 15 minutes (/step-up).");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(PasskeyErrors));
}
