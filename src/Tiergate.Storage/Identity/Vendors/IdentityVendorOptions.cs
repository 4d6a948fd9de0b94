using Tiergate.Core.Identity.Vendors;

namespace Tiergate.Storage.Identity.Vendors;

/// <summary>The <c>identity:</c> settings as the console uses them; a vendor is null when its secrets are not given.</summary>
/// <param name="VerificationValidDays">How long a vendor's verification counts before the applicant must verify again.</param>
/// <param name="OneDocumentOneAccount">Whether a document already on another account is refused (the identifier graph enforces it).</param>
public sealed record IdentityVendorOptions(
    StripeVendorOptions? Stripe,
    PersonaVendorOptions? Persona,
    int VerificationValidDays,
    AffiliationDomains AffiliationDomains,
    bool OneDocumentOneAccount)
{
    public const int DefaultVerificationValidDays = 730;

    /// <summary>No vendor configured, no affiliation domains: the console offers neither.</summary>
    public static IdentityVendorOptions None { get; } = new(null, null, DefaultVerificationValidDays, AffiliationDomains.None, true);

    public bool IsConfigured(string vendor) => vendor switch
    {
        VendorNames.Stripe => Stripe is not null,
        VendorNames.Persona => Persona is not null,
        _ => false,
    };

    /// <summary>The webhook secret of a configured vendor, or null.</summary>
    public string? WebhookSecret(string vendor) => vendor switch
    {
        VendorNames.Stripe => Stripe?.WebhookSecret,
        VendorNames.Persona => Persona?.WebhookSecret,
        _ => null,
    };
}
