using Tiergate.Core.Errors;

namespace Tiergate.Storage.Identity;

/// <summary>Errors of identity verification records (ids and names are a public contract).</summary>
public static class IdentityErrors
{
    public static readonly ErrorCode UnknownVerification = new("TG2100", "unknown_verification", 404, ErrorTypes.NotFound, "No verification has this id.");
    public static readonly ErrorCode VerificationWithdrawn = new("TG2101", "verification_withdrawn", 409, ErrorTypes.Conflict, "The verification was already withdrawn; a withdrawal is final (record a new verification instead).");
    public static readonly ErrorCode VerificationFinal = new("TG2102", "verification_final", 409, ErrorTypes.Conflict, "A vendor's result for a session that already has a final outcome (verified, failed or refused) does not change it; start a new session.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(IdentityErrors));
}
