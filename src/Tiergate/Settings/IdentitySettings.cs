using System.Globalization;
using Tiergate.Core.Identity.Vendors;
using Tiergate.Storage.Identity.Vendors;

namespace Tiergate.Settings;

/// <summary>
/// <c>identity</c>: the verification vendors (Stripe Identity, Persona), how long a verification counts, the research
/// organisations' domains whose verified addresses confirm an affiliation, and "one document, one account". A vendor is
/// on when its secrets are given; they come only from the environment (<c>TIERGATE_IDENTITY__STRIPE__SECRET_KEY</c>,
/// <c>…__STRIPE__WEBHOOK_SECRET</c>, <c>…__PERSONA__API_KEY</c>, <c>…__PERSONA__WEBHOOK_SECRET</c>), never the file.
/// </summary>
public sealed record IdentitySettings(
    Uri StripeApiBase,
    string? StripeSecretKey,
    string? StripeWebhookSecret,
    Uri PersonaApiBase,
    string? PersonaApiKey,
    string? PersonaWebhookSecret,
    string? PersonaTemplateId,
    int VerificationValidDays,
    IReadOnlyList<string> AffiliationDomains,
    bool OneDocumentOneAccount)
{
    public static IdentitySettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stripeBase = ApiBase(settings, "identity:stripe:api_base", StripeVendorOptions.DefaultApiBase);
        var stripeKey = Secret(settings, "identity:stripe:secret_key");
        var stripeHook = Secret(settings, "identity:stripe:webhook_secret");
        var personaBase = ApiBase(settings, "identity:persona:api_base", PersonaVendorOptions.DefaultApiBase);
        var personaKey = Secret(settings, "identity:persona:api_key");
        var personaHook = Secret(settings, "identity:persona:webhook_secret");
        var template = settings.Value("identity:persona:template_id");
        Pair(settings, "identity:stripe:secret_key", stripeKey, "identity:stripe:webhook_secret", stripeHook);
        Pair(settings, "identity:persona:api_key", personaKey, "identity:persona:webhook_secret", personaHook);
        if (personaKey is not null && template is null)
        {
            settings.Error("identity:persona:template_id", "needs a value when Persona is configured (the inquiry template, itmpl_…)");
        }

        var days = IdentityVendorOptions.DefaultVerificationValidDays;
        if (settings.Value("identity:verification_valid_days") is { } daysValue
            && (!int.TryParse(daysValue.Text, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > 3650))
        {
            settings.Error(daysValue, $"must be a number of days from 1 to 3650, not '{daysValue.Text}'");
        }

        var domains = new List<string>();
        foreach (var domain in settings.List("identity:affiliation_domains") ?? [])
        {
            if (Core.Identity.Vendors.AffiliationDomains.Normalise(domain.Text) is { } normalised && !domain.Text.Contains('@', StringComparison.Ordinal))
            {
                domains.Add(normalised);
            }
            else
            {
                settings.Error(domain, $"'{domain.Text}' is not a domain name (give the organisation's domain, e.g. ox.ac.uk; its subdomains match too)");
            }
        }

        var oneDocument = true;
        if (settings.Value("identity:one_document_one_account") is { } flag && !bool.TryParse(flag.Text, out oneDocument))
        {
            settings.Error(flag, $"must be true or false, not '{flag.Text}'");
        }

        return new IdentitySettings(stripeBase, stripeKey, stripeHook, personaBase, personaKey, personaHook, template?.Text, days, domains, oneDocument);
    }

    /// <summary>What the console and the webhooks use: a vendor only when all its secrets are given.</summary>
    public IdentityVendorOptions Vendors() => new(
        StripeSecretKey is { } key && StripeWebhookSecret is { } hook ? new StripeVendorOptions(StripeApiBase, key, hook) : null,
        PersonaApiKey is { } pkey && PersonaWebhookSecret is { } phook && PersonaTemplateId is { } template ? new PersonaVendorOptions(PersonaApiBase, pkey, phook, template) : null,
        VerificationValidDays,
        new AffiliationDomains(AffiliationDomains),
        OneDocumentOneAccount);

    public override string ToString() =>
        $"IdentitySettings {{ Stripe = {StripeSecretKey is not null}, Persona = {PersonaApiKey is not null}, VerificationValidDays = {VerificationValidDays}, AffiliationDomains = {AffiliationDomains.Count} }}";

    private static string? Secret(SettingsReader settings, string key)
    {
        var value = settings.Value(key);
        if (value is not null && value.Origin.Kind == SettingsSourceKind.File)
        {
            // Never echo it.
            settings.Error(value, $"the settings file never holds secrets: give it in TIERGATE_{key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()}");
            return null;
        }

        return value?.Text;
    }

    private static void Pair(SettingsReader settings, string firstKey, string? first, string secondKey, string? second)
    {
        if (first is not null && second is null)
        {
            settings.Error(secondKey, $"needs a value when {SettingsPath.Display(firstKey)} is given (the vendor is on only with both)");
        }
        else if (second is not null && first is null)
        {
            settings.Error(firstKey, $"needs a value when {SettingsPath.Display(secondKey)} is given (the vendor is on only with both)");
        }
    }

    /// <summary>An https base URL; plain http only to a loopback address (a fake vendor in tests).</summary>
    private static Uri ApiBase(SettingsReader settings, string key, Uri fallback)
    {
        if (settings.Value(key) is not { } value)
        {
            return fallback;
        }

        if (Uri.TryCreate(value.Text, UriKind.Absolute, out var uri) && uri.Query.Length == 0 && uri.Fragment.Length == 0
            && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            return uri;
        }

        settings.Error(value, $"must be an https:// base URL (http:// only to a loopback address), not '{value.Text}'");
        return fallback;
    }
}
