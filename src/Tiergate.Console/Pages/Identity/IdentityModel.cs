using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Console.Hosting;
using Tiergate.Core.Errors;
using Tiergate.Storage.Identity;
using Tiergate.Storage.Identity.Vendors;

namespace Tiergate.Console.Pages.Identity;

/// <summary>
/// <c>/identity</c>: the applicant's verifications, "Verify your identity" with each configured vendor (a POST that starts
/// the vendor's session, records it as pending and redirects to the vendor's hosted flow), and confirming an affiliation
/// from a verified address at a listed research organisation's domain. Vendors that are not configured are not offered.
/// </summary>
[Authorize]
public sealed class IdentityModel(VerificationSessions sessions, InstitutionalAffiliation affiliation, IIdentityVerifications verifications, ConsoleOptions console) : ConsolePage
{
    public IReadOnlyList<string> Vendors => sessions.Vendors;

    public IReadOnlyList<VerificationView> Verifications { get; private set; } = [];

    /// <summary>The listed domain of the user's address, when affiliation by address is offered and applies.</summary>
    public string? AffiliationDomain { get; private set; }

    public bool AffiliationOffered => affiliation.IsOffered;

    public string? Notice { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostStartAsync([FromForm(Name = "vendor")] string? vendor)
    {
        if (vendor is null || !sessions.Vendors.Contains(vendor, StringComparer.Ordinal))
        {
            return await RefusedAsync(VendorErrors.VendorNotConfigured, "Choose one of the verification services listed.");
        }

        try
        {
            var returnUrl = new Uri(console.PublicBaseUrl, $"/identity/return?vendor={vendor}");
            var hosted = await sessions.StartAsync(vendor, HttpContext.RequiredUserId(), returnUrl, HttpContext.Actor(), HttpContext.RequestAborted);
            return Redirect(hosted.AbsoluteUri);
        }
        catch (TiergateException e) when (e.Code == VendorErrors.VendorUnavailable || e.Code == VendorErrors.VendorNotConfigured)
        {
            return await RefusedAsync(e.Code, e.Message);
        }
    }

    public async Task<IActionResult> OnPostAffiliationAsync()
    {
        var result = await affiliation.ConfirmFromEmailAsync(HttpContext.RequiredUserId(), HttpContext.Actor(), HttpContext.RequestAborted);
        if (result.Refusal is { } refusal)
        {
            return await RefusedAsync(refusal, refusal == VendorErrors.EmailNotVerified
                ? "Confirm your email address first (the link in the mail we sent); then your address can confirm your affiliation."
                : "Your address is not at a listed research organisation's domain. A reviewer can confirm your affiliation instead.");
        }

        Notice = $"Your affiliation with {result.Domain} is confirmed.";
        await LoadAsync();
        return Page();
    }

    private async Task<IActionResult> RefusedAsync(ErrorCode code, string message)
    {
        FormError = message;
        Response.StatusCode = code.HttpStatus;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Verifications = await verifications.ListAsync(HttpContext.RequiredUserId(), HttpContext.RequestAborted);
        AffiliationDomain = affiliation.DomainOf(HttpContext.Email());
    }

    public static string VendorLabel(string vendor) => vendor switch
    {
        VendorNames.Stripe => "Stripe Identity",
        VendorNames.Persona => "Persona",
        _ => vendor,
    };
}
