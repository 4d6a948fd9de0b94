namespace Tiergate.Storage.Identity.Vendors;

/// <summary>Stripe Identity: its API base (<c>https://api.stripe.com</c>), a secret or restricted key, and the webhook endpoint's signing secret (<c>whsec_…</c>).</summary>
public sealed record StripeVendorOptions(Uri ApiBase, string SecretKey, string WebhookSecret)
{
    public static readonly Uri DefaultApiBase = new("https://api.stripe.com");

    public override string ToString() => $"StripeVendorOptions {{ ApiBase = {ApiBase} }}"; // never the secrets
}
