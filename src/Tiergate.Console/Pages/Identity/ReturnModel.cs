using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Storage.Identity.Vendors;

namespace Tiergate.Console.Pages.Identity;

/// <summary>
/// <c>/identity/return</c>: where the vendor's hosted flow sends the applicant back. It records nothing (anyone can open
/// it); only the vendor's signed webhook changes the verification.
/// </summary>
[Authorize]
public sealed class ReturnModel : ConsolePage
{
    public string VendorLabel { get; private set; } = "the verification service";

    public void OnGet([FromQuery(Name = "vendor")] string? vendor)
    {
        if (vendor is VendorNames.Stripe or VendorNames.Persona)
        {
            VendorLabel = IdentityModel.VendorLabel(vendor);
        }
    }
}
