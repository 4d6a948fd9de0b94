using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Core.Policy;

namespace Tiergate.Storage.Identity;

/// <summary>
/// A person's word recorded as verifications: the CLI's <c>users add --identity</c> and <c>users verify</c>, and the
/// admin page's "Record identity check". <c>verified</c> is an identity record; <c>affiliated</c> is an affiliation record,
/// plus an identity record when the account holds no valid one (an operator who says "affiliated" vouches for both).
/// </summary>
public static class ManualVerification
{
    /// <summary>The methods' names and the plain words people write for them (the admin form's free text before this).</summary>
    private static readonly Dictionary<string, string> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        [VerificationNames.Operator] = VerificationNames.Operator,
        [VerificationNames.ReviewerInPerson] = VerificationNames.ReviewerInPerson,
        ["in_person"] = VerificationNames.ReviewerInPerson,
        ["in person"] = VerificationNames.ReviewerInPerson,
        [VerificationNames.ReviewerDocument] = VerificationNames.ReviewerDocument,
        ["document"] = VerificationNames.ReviewerDocument,
        [VerificationNames.ReviewerInstitution] = VerificationNames.ReviewerInstitution,
        ["institution"] = VerificationNames.ReviewerInstitution,
    };

    /// <summary>The method's name, or <see cref="ErrorCodes.InvalidArgument"/> naming the accepted ones.</summary>
    public static string Method(string? text) =>
        text is not null && Methods.TryGetValue(text.Trim(), out var method)
            ? method
            : throw new TiergateException(ErrorCodes.InvalidArgument, $"The method must be one of {string.Join(", ", VerificationNames.ManualMethods)}.");

    /// <summary>Records <paramref name="level"/> for the user; returns the records made.</summary>
    public static async Task<IReadOnlyList<VerificationView>> RecordAsync(
        IIdentityVerifications verifications, long userId, IdentityLevel level, string method, string evidence, DateTimeOffset? expiresAt, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verifications);
        var name = Method(method);
        if (level == IdentityLevel.Email)
        {
            throw new TiergateException(ErrorCodes.InvalidArgument, "A verification establishes verified or affiliated; email needs none.");
        }

        var made = new List<VerificationView>();
        var holdsIdentity = (await verifications.ListAsync(userId, cancellationToken)).Any(v => v.Valid && v.Kind == VerificationNames.Of(VerificationKind.Identity));
        if (level == IdentityLevel.Verified || !holdsIdentity)
        {
            made.Add(await verifications.RecordAsync(userId, new NewVerification(VerificationKind.Identity, name, VerificationOutcome.Verified, evidence, ExpiresAt: expiresAt), actor, cancellationToken));
        }

        if (level == IdentityLevel.Affiliated)
        {
            made.Add(await verifications.RecordAsync(userId, new NewVerification(VerificationKind.Affiliation, name, VerificationOutcome.Verified, evidence, ExpiresAt: expiresAt), actor, cancellationToken));
        }

        return made;
    }
}
