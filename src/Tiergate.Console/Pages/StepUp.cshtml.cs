using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Console.Pages;

/// <summary>
/// <c>/step-up</c>: proves a second factor again for this session (sets its second-factor time), then goes back
/// to the page that asked (<see cref="StepUp.RequireRecentSecondFactor"/>). Wrong codes count against the
/// account as at sign-in: slowed, never locked.
/// </summary>
[Authorize]
public sealed class StepUpModel(MfaService mfa, SessionSignIn signIn, SignInThrottle throttle, TimeProvider time) : ConsolePage
{
    public string ReturnUrl { get; private set; } = "/account";

    public bool Enrolled { get; private set; }

    /// <summary>Whether the user has a passkey, so the page offers it beside the code (/passkeys.js, /account/passkeys/verify).</summary>
    public bool HasPasskey { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "returnUrl")] string? returnUrl)
    {
        ReturnUrl = Local(returnUrl);
        var status = await mfa.StatusAsync(HttpContext.RequiredUserId(), HttpContext.RequestAborted);
        Enrolled = status.Enrolled;
        HasPasskey = status.Passkeys > 0;
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "code")] string? code, [FromForm(Name = "returnUrl")] string? returnUrl)
    {
        ReturnUrl = Local(returnUrl);
        var userId = HttpContext.RequiredUserId();
        var status = await mfa.StatusAsync(userId, HttpContext.RequestAborted);
        Enrolled = status.Enrolled;
        HasPasskey = status.Passkeys > 0;
        var key = "mfa:" + HttpContext.Email();
        if (throttle.AccountDelay(key) is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, HttpContext.RequestAborted);
        }

        var result = await mfa.VerifyAsync(userId, Bounded(code, 64), $"user:{userId}", HttpContext.RequestAborted);
        if (result == SecondFactorResult.Refused)
        {
            throttle.RecordFailure(Source, key);
            Errors["code"] = "That code is wrong or was already used.";
            FormError = Errors["code"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        throttle.RecordSuccess(key);
        await signIn.SecondFactorProvedAsync(HttpContext, userId, result == SecondFactorResult.Totp ? "totp" : "recovery_code");
        return LocalRedirect(ReturnUrl);
    }

    /// <summary>Only a path on this site (no open redirect); anything else goes to the account page.</summary>
    private string Local(string? url) =>
        url is { Length: > 0 and <= 2048 } && Url.IsLocalUrl(url) ? url : "/account";
}
