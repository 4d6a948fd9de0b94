using Tiergate.Core.Identity;
using Tiergate.Core.Identity.Identifiers;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Storage.Identity.Links;

/// <summary>
/// The normalised form of any identifier, email included (the account rules of <see cref="EmailAddress"/>, then the
/// provider rules of <see cref="EmailProviderRules"/>), and its keyed hash.
/// </summary>
public static class IdentifierValues
{
    /// <summary>How many hex digits of a hash are shown to operators: enough to tell identifiers apart, nothing of the value.</summary>
    public const int ShownHashLength = 12;

    public static string Normalise(IdentifierKind kind, string? value) =>
        kind == IdentifierKind.Email
            ? EmailProviderRules.Apply(EmailAddress.Normalise(value ?? throw new Tiergate.Core.Errors.TiergateException(Tiergate.Core.Errors.ErrorCodes.InvalidArgument, "The email address is missing.")))
            : IdentifierNormaliser.Normalise(kind, value);

    public static string Hash(Crypto.KeyRing ring, IdentifierKind kind, string normalised) =>
        ring.BlindIndex(normalised, LinksModel.HashPurpose(kind));

    public static string Shown(string hash) => hash.Length <= ShownHashLength ? hash : hash[..ShownHashLength];
}
