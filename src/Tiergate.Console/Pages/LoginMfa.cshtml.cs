using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Console.Pages;

/// <summary>
/// <c>/login/mfa</c>: the second step after a correct password, for users with MFA. The pending cookie lives
/// five minutes; each wrong code counts against the account (<see cref="SignInThrottle"/>) and five wrong codes
/// end the pending sign-in, so the password must be given again.
/// </summary>
public sealed class LoginMfaModel(MfaService mfa, PasskeyStore passkeys, SessionSignIn signIn, SignInThrottle throttle, TimeProvider time) : ConsolePage
{
    /// <summary>Whether the pending user has a passkey, so the page offers it beside the code.</summary>
    public bool HasPasskey { get; private set; }

    private const int MaxWrongCodes = 5;

    public async Task<IActionResult> OnGetAsync()
    {
        var pending = await HttpContext.AuthenticateAsync(ConsoleAuth.PendingScheme);
        if (!pending.Succeeded || CurrentUser.IdOf(pending.Principal) is not { } userId)
        {
            return Redirect("/login");
        }

        HasPasskey = (await passkeys.CredentialIdsAsync(userId, HttpContext.RequestAborted)).Count > 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "code")] string? code)
    {
        var pending = await HttpContext.AuthenticateAsync(ConsoleAuth.PendingScheme);
        if (!pending.Succeeded || CurrentUser.IdOf(pending.Principal) is not { } userId)
        {
            return Redirect("/login");
        }

        HasPasskey = (await passkeys.CredentialIdsAsync(userId, HttpContext.RequestAborted)).Count > 0;
        var email = pending.Principal!.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? "";
        var key = "mfa:" + email;
        if (throttle.AccountDelay(key) is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, HttpContext.RequestAborted);
        }

        var result = await mfa.VerifyAsync(userId, code, ConsoleAccounts(userId), HttpContext.RequestAborted);
        if (result == SecondFactorResult.Refused)
        {
            throttle.RecordFailure(Source, key);
            var wrong = (pending.Properties?.Items.TryGetValue("wrong", out var w) == true && int.TryParse(w, out var n) ? n : 0) + 1;
            if (wrong >= MaxWrongCodes)
            {
                await HttpContext.SignOutAsync(ConsoleAuth.PendingScheme);
                return Redirect("/login");
            }

            pending.Properties!.Items["wrong"] = wrong.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await HttpContext.SignInAsync(ConsoleAuth.PendingScheme, pending.Principal, pending.Properties);
            Errors["code"] = "That code is wrong or was already used.";
            FormError = Errors["code"];
            return Page();
        }

        throttle.RecordSuccess(key);
        await HttpContext.SignOutAsync(ConsoleAuth.PendingScheme);
        await signIn.StartAsync(HttpContext, userId, email, secondFactor: true, result == SecondFactorResult.Totp ? "totp" : "recovery_code");
        return Redirect("/account");
    }

    private static string ConsoleAccounts(long userId) => $"user:{userId}";
}
