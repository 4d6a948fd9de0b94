using Tiergate.Core.Errors;

namespace Tiergate.Storage.Accounts.Users;

/// <summary>Errors of user administration (ids and names are a public contract).</summary>
public static class UserErrors
{
    public static readonly ErrorCode UnknownUser = new("TG2001", "unknown_user", 404, ErrorTypes.NotFound, "No user has this email.");
    public static readonly ErrorCode UserExists = new("TG2003", "user_exists", 409, ErrorTypes.Conflict, "A user with this email already exists.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(UserErrors));
}
