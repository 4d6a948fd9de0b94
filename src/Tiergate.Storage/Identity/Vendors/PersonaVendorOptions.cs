namespace Tiergate.Storage.Identity.Vendors;

/// <summary>Persona: its API base (<c>https://withpersona.com</c>, also the hosted flow's), an API key, the webhook secret (<c>wbhsec_…</c>) and the inquiry template.</summary>
public sealed record PersonaVendorOptions(Uri ApiBase, string ApiKey, string WebhookSecret, string TemplateId)
{
    public static readonly Uri DefaultApiBase = new("https://withpersona.com");

    public override string ToString() => $"PersonaVendorOptions {{ ApiBase = {ApiBase}, TemplateId = {TemplateId} }}"; // never the secrets
}
