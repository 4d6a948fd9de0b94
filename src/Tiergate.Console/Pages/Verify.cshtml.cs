using Microsoft.AspNetCore.Mvc;
using Tiergate.Storage.Accounts.Credentials;
using Tiergate.Storage.Identity.Vendors;

namespace Tiergate.Console.Pages;

/// <summary>
/// <c>/verify?token=</c>: the link in the verification mail. Opening it only shows a button; the token is used
/// by the POST, so mail scanners that fetch links cannot use it up. Each token works once, for 24 hours.
/// A confirmed address at a listed research organisation's domain also confirms the user's affiliation (never their identity).
/// </summary>
public sealed class VerifyModel(ConsoleAccounts accounts, InstitutionalAffiliation affiliation) : ConsolePage
{
    public string Token { get; private set; } = "";

    public bool Done { get; private set; }

    public bool Failed { get; private set; }

    /// <summary>The listed domain whose affiliation the confirmed address recorded, or null.</summary>
    public string? AffiliatedWith { get; private set; }

    public void OnGet([FromQuery(Name = "token")] string? token) => Token = Bounded(token, OneTimeTokens.MaxTokenLength);

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "token")] string? token)
    {
        var userId = await accounts.ConfirmEmailAsync(token ?? "", HttpContext.RequestAborted);
        Done = userId is not null;
        Failed = !Done;
        if (userId is { } id && affiliation.IsOffered)
        {
            AffiliatedWith = (await affiliation.ConfirmFromEmailAsync(id, ConsoleAccounts.Actor, HttpContext.RequestAborted)).Domain;
        }

        if (Failed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
