using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tiergate.Console.Auth;
using Tiergate.Storage.Accounts.Credentials;

namespace Tiergate.Console.Pages;

/// <summary><c>/reset?token=</c>: a new password through the mailed one-time link; every session of the user ends.</summary>
public sealed class ResetModel(ConsoleAccounts accounts, SessionSignIn signIn) : ConsolePage
{
    public string Token { get; private set; } = "";

    public bool Failed { get; private set; }

    public void OnGet([FromQuery(Name = "token")] string? token) => Token = Bounded(token, OneTimeTokens.MaxTokenLength);

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "token")] string? token, [FromForm(Name = "password")] string? password)
    {
        Token = Bounded(token, OneTimeTokens.MaxTokenLength);
        var email = await accounts.TokenEmailAsync(token ?? "", AccountTokenPurpose.ResetPassword, HttpContext.RequestAborted);
        if (email is null)
        {
            return Invalid();
        }

        if (PasswordRules.Problem(password, email) is { } problem)
        {
            Errors["password"] = problem;
            FormError = "Correct the field marked below.";
            return Page();
        }

        if (await accounts.ResetPasswordAsync(token!, password!, HttpContext.RequestAborted) is null)
        {
            return Invalid();
        }

        if (HttpContext.UserId() is not null)
        {
            await signIn.EndAsync(HttpContext);
        }

        return Redirect("/login?done=reset");
    }

    private PageResult Invalid()
    {
        Failed = true;
        FormError = "This link has expired or was already used.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
