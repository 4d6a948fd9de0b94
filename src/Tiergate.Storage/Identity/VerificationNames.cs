using Tiergate.Core.Identity;

namespace Tiergate.Storage.Identity;

/// <summary>How verification kinds, outcomes and methods are written (CLI, JSON, audit, console).</summary>
public static class VerificationNames
{
    /// <summary>The methods of manual records: an operator's word (the CLI), a reviewer's in-person or document check, or a reviewer's check with the institution.</summary>
    public const string Operator = "operator", ReviewerInPerson = "reviewer_in_person", ReviewerDocument = "reviewer_document", ReviewerInstitution = "reviewer_institution";

    public static IReadOnlyList<string> ManualMethods { get; } = [Operator, ReviewerInPerson, ReviewerDocument, ReviewerInstitution];

    public static string Of(VerificationKind kind) => kind == VerificationKind.Identity ? "identity" : "affiliation";

    public static string Of(VerificationOutcome outcome) => outcome.ToString().ToLowerInvariant();

    /// <summary>A method name: lower-case letters, digits and underscores, 1 to 64 characters.</summary>
    public static bool IsMethodName(string? method) =>
        method is { Length: > 0 and <= 64 } && method.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
