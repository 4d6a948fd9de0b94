using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Core.Errors;
using Tiergate.Storage.Accounts.Mfa;
using Tiergate.Storage.Accounts.Sessions;

namespace Tiergate.Console.Pages;

/// <summary>
/// <c>/account</c>: the signed-in user's sessions (sign out everywhere), TOTP enrolment (the secret and
/// <c>otpauth://</c> URI, confirmed with a code), passkeys (added by /passkeys.js; removed here), and recovery codes, shown once when made.
/// Replacing recovery codes once a factor is enrolled needs step-up.
/// </summary>
[Authorize]
public sealed class AccountModel(MfaService mfa, PasskeyStore passkeys, SessionStore sessions, SessionSignIn signIn) : ConsolePage
{
    public MfaStatus Mfa { get; private set; } = new(false, false, 0);

    public TotpEnrolment? Pending { get; private set; }

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public IReadOnlyList<PasskeyView> Passkeys { get; private set; } = [];

    public long? CurrentSessionId { get; private set; }

    /// <summary>Shown in this response only; never stored in clear.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public string? Notice { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "done")] string? done)
    {
        Notice = done == "passkey-added" ? "Your passkey is added. You can sign in with it." : null;
        await LoadAsync();
    }

    /// <summary>Removes one of the user's own passkeys (another user's id removes nothing); a change of factors needs step-up.</summary>
    public async Task<IActionResult> OnPostRemovePasskeyAsync([FromForm(Name = "passkey")] long? passkey)
    {
        if (this.RequireRecentSecondFactor(StepUp.Window) is { } challenge)
        {
            return challenge;
        }

        var userId = HttpContext.RequiredUserId();
        if (passkey is { } id && await passkeys.RemoveAsync(userId, id, HttpContext.Actor(), HttpContext.RequestAborted))
        {
            Notice = "The passkey is removed.";
        }
        else
        {
            FormError = "That passkey is not on your account (it may be removed already).";
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostBeginTotpAsync()
    {
        var userId = HttpContext.RequiredUserId();
        try
        {
            await mfa.BeginTotpAsync(userId, HttpContext.Email(), HttpContext.RequestAborted);
        }
        catch (TiergateException e) when (e.Code == MfaErrors.AlreadyEnrolled)
        {
            FormError = "An authenticator is already enrolled.";
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmTotpAsync([FromForm(Name = "code")] string? code)
    {
        var userId = HttpContext.RequiredUserId();
        var codes = await mfa.ConfirmTotpAsync(userId, Bounded(code, 64), $"user:{userId}", HttpContext.RequestAborted);
        if (codes is null)
        {
            Errors["code"] = "That code does not match. Enter the 6-digit code your app shows now.";
            FormError = Errors["code"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            // The user has just proved the new factor in this session.
            if (HttpContext.SessionHandle() is { } handle)
            {
                await sessions.MarkSecondFactorAsync(handle, HttpContext.RequestAborted);
            }

            NewRecoveryCodes = codes;
            Notice = "Your authenticator is enrolled. Sign-ins now ask for a code from it.";
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (this.RequireRecentSecondFactor(StepUp.Window) is { } challenge)
        {
            return challenge;
        }

        var userId = HttpContext.RequiredUserId();
        if ((await mfa.StatusAsync(userId, HttpContext.RequestAborted)).Enrolled)
        {
            NewRecoveryCodes = await mfa.RegenerateRecoveryCodesAsync(userId, $"user:{userId}", HttpContext.RequestAborted);
            Notice = "New recovery codes; the old ones no longer work.";
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>Ends every session of this user, this one included.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var userId = HttpContext.RequiredUserId();
        await sessions.RevokeAllAsync(userId, null, $"user:{userId}", HttpContext.RequestAborted);
        await signIn.EndAsync(HttpContext);
        return Redirect("/login?done=signed-out");
    }

    private async Task LoadAsync()
    {
        var userId = HttpContext.RequiredUserId();
        Mfa = await mfa.StatusAsync(userId, HttpContext.RequestAborted);
        Pending = Mfa.TotpPending ? await mfa.PendingTotpAsync(userId, HttpContext.Email(), HttpContext.RequestAborted) : null;
        Sessions = await sessions.ListAsync(userId, HttpContext.RequestAborted);
        Passkeys = await passkeys.ListAsync(userId, HttpContext.RequestAborted);
        CurrentSessionId = HttpContext.Session()?.Id;
    }
}
