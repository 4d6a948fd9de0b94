using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace Tiergate.Console.Auth;

/// <summary>
/// Step-up: an action that needs a second factor proved recently in this session (creating a key for a tier
/// that requires MFA, any review decision, changing one's own factors). Use in a handler as
/// <c>if (this.RequireRecentSecondFactor(StepUp.Window) is { } challenge) return challenge;</c>
/// </summary>
public static class StepUp
{
    /// <summary>The window: a second factor within the last 15 minutes.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>True when this session proved a second factor within <paramref name="window"/>.</summary>
    public static bool HasRecentSecondFactor(this PageModel page, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(page);
        var now = page.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return page.HttpContext.Session() is { SecondFactorAt: { } at } && now - at <= window;
    }

    /// <summary>
    /// Null when a second factor is recent enough; otherwise a redirect to <c>/step-up</c>, which asks for a code
    /// and comes back to this page (by GET: the user submits the form again).
    /// </summary>
    public static IActionResult? RequireRecentSecondFactor(this PageModel page, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.HasRecentSecondFactor(window))
        {
            return null;
        }

        var back = page.HttpContext.Request.Path + page.HttpContext.Request.QueryString;
        return page.RedirectToPage("/StepUp", new { returnUrl = back });
    }
}
