using Fido2NetLib;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Tiergate.Console.Auth;
using Tiergate.Core.Audit;
using Tiergate.Storage.Accounts.Credentials;
using Tiergate.Storage.Accounts.Mfa;

namespace Tiergate.Console.Passkeys;

/// <summary>
/// <c>/login/passkey/...</c>: sign-in with a discoverable passkey (no email: the authenticator names the account),
/// or a passkey as the second step after a correct password (<c>/login/mfa</c>). A passkey with user verification
/// is two factors in one, so the session counts as having proved a second factor. Failures count against the
/// source like wrong passwords (<see cref="SignInThrottle"/>).
/// </summary>
internal static class LoginPasskeyEndpoints
{
    private const string ThrottleKey = "passkey";

    public static void Map(WebApplication app)
    {
        app.MapPost("/login/passkey/options", SignInOptionsAsync);
        app.MapPost("/login/passkey/mfa/options", SecondFactorOptionsAsync);
        app.MapPost("/login/passkey", SignInAsync);
    }

    private static async Task<IResult> SignInOptionsAsync(HttpContext http, PasskeyVerifier verifier, PasskeyCeremonies ceremonies)
    {
        if (await PasskeyHttp.CheckForgeryAsync(http) is { } forged)
        {
            return forged;
        }

        var options = verifier.AssertionOptions([]).ToJson();
        return AccountPasskeyEndpoints.Open(http, ceremonies, new PasskeyCeremony(PasskeyPurpose.SignIn, null, null, options, ceremonies.NewExpiry()), options);
    }

    private static async Task<IResult> SecondFactorOptionsAsync(HttpContext http, PasskeyStore passkeys, PasskeyVerifier verifier, PasskeyCeremonies ceremonies)
    {
        if (await PasskeyHttp.CheckForgeryAsync(http) is { } forged)
        {
            return forged;
        }

        if (await PendingUserAsync(http) is not { } userId)
        {
            return PasskeyHttp.Error(PasskeyErrors.SignInRequired, "Enter your email and password first.");
        }

        var allowed = await passkeys.CredentialIdsAsync(userId, http.RequestAborted);
        if (allowed.Count == 0)
        {
            return PasskeyHttp.Error(PasskeyErrors.Unknown, "This account has no passkey; use a code.");
        }

        var options = verifier.AssertionOptions(allowed).ToJson();
        return AccountPasskeyEndpoints.Open(http, ceremonies, new PasskeyCeremony(PasskeyPurpose.SecondFactor, userId, null, options, ceremonies.NewExpiry()), options);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, PasskeyVerifier verifier, ConsoleAccounts accounts, SessionSignIn signIn, SignInThrottle throttle, IAuditLog audit)
    {
        if (await PasskeyHttp.CheckForgeryAsync(http) is { } forged)
        {
            return forged;
        }

        var source = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.SourceRefused(source))
        {
            return PasskeyHttp.Error(Core.Errors.ErrorCodes.TooManyAuthFailures, "Too many failed sign-ins from your network. Wait a few minutes and try again.");
        }

        if (await PasskeyHttp.ReadObjectAsync(http) is not { } body || PasskeyHttp.Member<AuthenticatorAssertionRawResponse>(body, "credential") is not { Response: not null } answer)
        {
            return PasskeyHttp.Error(PasskeyErrors.Malformed, "Send {\"credential\": ...} as made by the page's script.");
        }

        var ceremony = PasskeyHttp.TakeCeremony(http);
        var pending = ceremony?.Purpose == PasskeyPurpose.SecondFactor ? await PendingUserAsync(http) : null;
        if (ceremony is not { Purpose: PasskeyPurpose.SignIn or PasskeyPurpose.SecondFactor } || (ceremony.Purpose == PasskeyPurpose.SecondFactor && pending != ceremony.UserId))
        {
            return PasskeyHttp.Error(PasskeyErrors.ChallengeInvalid, "Start again: this passkey request has expired or was already used.");
        }

        var outcome = await verifier.VerifyAssertionAsync(answer, ceremony.OptionsJson, ceremony.UserId, http.RequestAborted);
        var email = outcome.UserId is { } id ? await accounts.EmailOfAsync(id, http.RequestAborted) : null;
        // A disabled account keeps its passkeys but cannot sign in with them.
        if (outcome.UserId is { } found && (email is null || await accounts.FindActiveUserAsync(email, http.RequestAborted) != found))
        {
            outcome = PasskeyOutcome.Refused(PasskeyErrors.Unknown, "This passkey is not registered for an active account.");
        }

        if (outcome.UserId is not { } userId)
        {
            throttle.RecordFailure(source, ThrottleKey);
            await audit.AppendAsync(new AuditEvent("account.sign_in", ConsoleAccounts.Actor, ceremony.UserId is { } u ? $"user:{u}" : null, "failed", new Dictionary<string, string>
            {
                ["method"] = "passkey",
                ["code"] = PasskeyVerifier.Code(outcome).Name,
                ["source"] = source,
            }), http.RequestAborted);
            return PasskeyHttp.Error(PasskeyVerifier.Code(outcome), outcome.Message);
        }

        if (ceremony.Purpose == PasskeyPurpose.SecondFactor)
        {
            await audit.AppendAsync(new AuditEvent("mfa.verify", $"user:{userId}", $"user:{userId}", "ok", new Dictionary<string, string> { ["method"] = "passkey" }), http.RequestAborted);
            await http.SignOutAsync(ConsoleAuth.PendingScheme);
        }

        await signIn.StartAsync(http, userId, email!, secondFactor: true, "passkey");
        return Results.Json(new { ok = true, redirect = "/account" });
    }

    private static async Task<long?> PendingUserAsync(HttpContext http)
    {
        var pending = await http.AuthenticateAsync(ConsoleAuth.PendingScheme);
        return pending.Succeeded ? CurrentUser.IdOf(pending.Principal) : null;
    }
}
