using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;

namespace Tiergate.Console.Pages;

/// <summary><c>/logout</c>: POST only (with the antiforgery token), so a link elsewhere cannot sign anyone out.</summary>
public sealed class LogoutModel(SessionSignIn signIn) : ConsolePage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.EndAsync(HttpContext);
        return Redirect("/login?done=signed-out");
    }
}
