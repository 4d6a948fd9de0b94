namespace Tiergate.Core.Identity.Identifiers;

/// <summary>
/// The one form of each kind of identifier that equality (and so the keyed hash) uses. Bad input is an
/// <c>invalid_argument</c> <see cref="Tiergate.Core.Errors.TiergateException"/> with a message that never repeats it.
/// Email is the exception: its account rules live in storage (<c>EmailAddress</c>), which applies
/// <see cref="EmailProviderRules"/> after them; here an email must already be in that form.
/// </summary>
public static class IdentifierNormaliser
{
    public static string Normalise(IdentifierKind kind, string? value) => kind switch
    {
        IdentifierKind.Email => EmailProviderRules.Apply(IdentifierText.Clean(value, "The email address", 320)),
        IdentifierKind.Phone => PhoneIdentifier.Normalise(value),
        IdentifierKind.Document => DocumentIdentifier.Normalise(value),
        IdentifierKind.Payment => OpaqueIdentifier.Payment(value),
        IdentifierKind.Device => OpaqueIdentifier.Device(value),
        IdentifierKind.IpPrefix => NetworkIdentifier.Prefix(value),
        IdentifierKind.Asn => NetworkIdentifier.Asn(value),
        _ => throw IdentifierText.Invalid($"Unknown identifier kind {(int)kind}."),
    };

    /// <summary>Strong identifiers (one person's: a document, a card, a phone, a mailbox) join clusters; weak ones are only scored.</summary>
    public static bool IsStrong(IdentifierKind kind) => kind is IdentifierKind.Document or IdentifierKind.Payment or IdentifierKind.Phone or IdentifierKind.Email;

    /// <summary>The name operators and JSON use: <c>email</c>, <c>phone</c>, <c>document</c>, <c>payment</c>, <c>device</c>, <c>ip_prefix</c>, <c>asn</c>.</summary>
    public static string NameOf(IdentifierKind kind) => kind switch
    {
        IdentifierKind.IpPrefix => "ip_prefix",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
