namespace Tiergate.Storage.Identity.Vendors;

/// <summary>The vendors' names in routes (<c>/identity/webhooks/{vendor}</c>) and the methods their verifications are recorded under.</summary>
public static class VendorNames
{
    public const string Stripe = "stripe";
    public const string Persona = "persona";

    /// <summary>The <see cref="NewVerification.Method"/> of Stripe Identity's verifications.</summary>
    public const string StripeMethod = "stripe_identity";

    /// <summary>The <see cref="NewVerification.Method"/> of Persona's verifications.</summary>
    public const string PersonaMethod = "persona";

    /// <summary>The method of an affiliation confirmed by a verified address at a listed domain.</summary>
    public const string InstitutionalEmailMethod = "institutional_email";

    public static string MethodOf(string vendor) => vendor switch
    {
        Stripe => StripeMethod,
        Persona => PersonaMethod,
        _ => throw new ArgumentOutOfRangeException(nameof(vendor), vendor, "unknown identity vendor"),
    };
}
