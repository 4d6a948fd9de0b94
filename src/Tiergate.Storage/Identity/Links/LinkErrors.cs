using Tiergate.Core.Errors;

namespace Tiergate.Storage.Identity.Links;

/// <summary>Errors of the identifier graph and bans (ids and names are a public contract; TG2120–TG2129).</summary>
public static class LinkErrors
{
    public static readonly ErrorCode IdentifierBanned = new("TG2120", "identifier_banned", 403, ErrorTypes.Permission, "The identifier belongs to a banned account; it cannot be attached or verified again.");
    public static readonly ErrorCode DocumentInUse = new("TG2121", "document_in_use", 409, ErrorTypes.Conflict, "The identity document is already held by another account (one document, one account).");
    public static readonly ErrorCode UserBanned = new("TG2122", "user_banned", 409, ErrorTypes.Conflict, "The user is already banned.");

    public static IReadOnlyList<ErrorCode> All { get; } = ErrorCodeList.Of(typeof(LinkErrors));
}
