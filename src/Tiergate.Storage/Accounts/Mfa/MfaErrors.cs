using Tiergate.Core.Errors;

namespace Tiergate.Storage.Accounts.Mfa;

/// <summary>Errors of MFA enrolment (ids and names are a public contract).</summary>
public static class MfaErrors
{
    public static readonly ErrorCode AlreadyEnrolled = new("TG2060", "mfa_already_enrolled", 409, ErrorTypes.Conflict, "The user already has a TOTP authenticator; remove it before enrolling another.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(MfaErrors));
}
