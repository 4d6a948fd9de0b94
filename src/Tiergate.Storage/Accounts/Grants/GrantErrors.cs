using Tiergate.Core.Errors;

namespace Tiergate.Storage.Accounts.Grants;

/// <summary>Errors of grant administration (ids and names are a public contract).</summary>
public static class GrantErrors
{
    public static readonly ErrorCode UnknownTier = new("TG2002", "unknown_tier", 404, ErrorTypes.NotFound, "The policy has no tier of this name.");
    public static readonly ErrorCode GrantIdentityInsufficient = new("TG2006", "grant_identity_insufficient", 409, ErrorTypes.Conflict, "The user's identity level is below what the tier requires.");
    public static readonly ErrorCode GrantNotFound = new("TG2007", "grant_not_found", 404, ErrorTypes.NotFound, "The user holds no active grant of this tier.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(GrantErrors));
}
