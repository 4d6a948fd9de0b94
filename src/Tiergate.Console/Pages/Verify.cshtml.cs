using Microsoft.AspNetCore.Mvc;
using Tiergate.Storage.Accounts.Credentials;

namespace Tiergate.Console.Pages;

/// <summary>
/// <c>/verify?token=</c>: the link in the verification mail. Opening it only shows a button; the token is used
/// by the POST, so mail scanners that fetch links cannot use it up. Each token works once, for 24 hours.
/// </summary>
public sealed class VerifyModel(ConsoleAccounts accounts) : ConsolePage
{
    public string Token { get; private set; } = "";

    public bool Done { get; private set; }

    public bool Failed { get; private set; }

    public void OnGet([FromQuery(Name = "token")] string? token) => Token = Bounded(token, OneTimeTokens.MaxTokenLength);

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "token")] string? token)
    {
        Done = await accounts.VerifyEmailAsync(token ?? "", HttpContext.RequestAborted);
        Failed = !Done;
        if (Failed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
