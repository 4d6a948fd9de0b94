using Fido2NetLib;
using Microsoft.AspNetCore.Builder;
using Tiergate.Console.Auth;
using Tiergate.Core.Audit;
using Tiergate.Storage.Accounts.Mfa;
using Tiergate.Storage.Accounts.Sessions;

namespace Tiergate.Console.Passkeys;

/// <summary>
/// <c>/account/passkeys/...</c>: a signed-in user adds a passkey (options, then the authenticator's answer with a
/// name) or proves one again for step-up. JSON in and out, antiforgery token in the header, codes for every refusal.
/// </summary>
internal static class AccountPasskeyEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/account/passkeys/register/options", RegisterOptionsAsync);
        app.MapPost("/account/passkeys/register", RegisterAsync);
        app.MapPost("/account/passkeys/verify/options", VerifyOptionsAsync);
        app.MapPost("/account/passkeys/verify", VerifyAsync);
    }

    private static async Task<IResult> RegisterOptionsAsync(HttpContext http, MfaService mfa, PasskeyStore passkeys, PasskeyVerifier verifier, PasskeyCeremonies ceremonies, TimeProvider time)
    {
        if (await SignedInAsync(http) is { } refused)
        {
            return refused;
        }

        var userId = http.RequiredUserId();
        // A second factor already guards this account: adding another must be done by whoever holds the first.
        if ((await mfa.StatusAsync(userId, http.RequestAborted)).Enrolled && !RecentSecondFactor(http, time))
        {
            return PasskeyHttp.Error(PasskeyErrors.StepUpRequired, "Confirm it is you first (/step-up), then add the passkey.");
        }

        var options = verifier.CreationOptions(userId, http.Email(), await passkeys.CredentialIdsAsync(userId, http.RequestAborted));
        return Open(http, ceremonies, new PasskeyCeremony(PasskeyPurpose.Register, userId, http.SessionHandle(), options.ToJson(), ceremonies.NewExpiry()), options.ToJson());
    }

    private static async Task<IResult> RegisterAsync(HttpContext http, PasskeyStore passkeys, PasskeyVerifier verifier, SessionStore sessions, IAuditLog audit)
    {
        if (await SignedInAsync(http) is { } refused)
        {
            return refused;
        }

        var userId = http.RequiredUserId();
        if (await PasskeyHttp.ReadObjectAsync(http) is not { } body || PasskeyHttp.Member<AuthenticatorAttestationRawResponse>(body, "credential") is not { RawId: not null, Response: not null } answer)
        {
            return PasskeyHttp.Error(PasskeyErrors.Malformed, "Send {\"name\": ..., \"credential\": ...} as made by the page's script.");
        }

        if (PasskeyHttp.CleanName(PasskeyHttp.Text(body, "name")) is not { } name)
        {
            return PasskeyHttp.Error(PasskeyErrors.NameInvalid, $"Give the passkey a name of 1 to {PasskeyStore.MaxNameLength} characters.");
        }

        var ceremony = PasskeyHttp.TakeCeremony(http);
        if (ceremony is not { Purpose: PasskeyPurpose.Register } || ceremony.UserId != userId || ceremony.Session != http.SessionHandle())
        {
            return PasskeyHttp.Error(PasskeyErrors.ChallengeInvalid, "Start again: this passkey request has expired or was already used.");
        }

        var (credential, refusal) = await verifier.VerifyRegistrationAsync(answer, ceremony.OptionsJson, http.RequestAborted);
        if (credential is null)
        {
            await audit.AppendAsync(new AuditEvent("mfa.passkey.enrol", http.Actor(), http.Actor(), "failed", new Dictionary<string, string> { ["code"] = refusal!.Error!.Name }), http.RequestAborted);
            return PasskeyHttp.Error(PasskeyVerifier.Code(refusal), refusal.Message);
        }

        var passkey = new NewPasskey(credential.Id, credential.PublicKey, credential.SignCount, PasskeyVerifier.Transports(credential.Transports), credential.AaGuid, name);
        if (!await passkeys.AddAsync(userId, passkey, http.Actor(), http.RequestAborted))
        {
            return PasskeyHttp.Error(PasskeyErrors.AlreadyRegistered, "This passkey is already registered.");
        }

        // Registering with user verification proved the new factor in this session.
        await sessions.MarkSecondFactorAsync(http.SessionHandle()!, http.RequestAborted);
        return Results.Json(new { ok = true, name });
    }

    private static async Task<IResult> VerifyOptionsAsync(HttpContext http, PasskeyStore passkeys, PasskeyVerifier verifier, PasskeyCeremonies ceremonies)
    {
        if (await SignedInAsync(http) is { } refused)
        {
            return refused;
        }

        var userId = http.RequiredUserId();
        var allowed = await passkeys.CredentialIdsAsync(userId, http.RequestAborted);
        if (allowed.Count == 0)
        {
            return PasskeyHttp.Error(PasskeyErrors.Unknown, "This account has no passkey.");
        }

        var options = verifier.AssertionOptions(allowed).ToJson();
        return Open(http, ceremonies, new PasskeyCeremony(PasskeyPurpose.StepUp, userId, http.SessionHandle(), options, ceremonies.NewExpiry()), options);
    }

    private static async Task<IResult> VerifyAsync(HttpContext http, PasskeyVerifier verifier, SessionSignIn signIn, IAuditLog audit)
    {
        if (await SignedInAsync(http) is { } refused)
        {
            return refused;
        }

        var userId = http.RequiredUserId();
        if (await PasskeyHttp.ReadObjectAsync(http) is not { } body || PasskeyHttp.Member<AuthenticatorAssertionRawResponse>(body, "credential") is not { Response: not null } answer)
        {
            return PasskeyHttp.Error(PasskeyErrors.Malformed, "Send {\"credential\": ...} as made by the page's script.");
        }

        var ceremony = PasskeyHttp.TakeCeremony(http);
        if (ceremony is not { Purpose: PasskeyPurpose.StepUp } || ceremony.UserId != userId || ceremony.Session != http.SessionHandle())
        {
            return PasskeyHttp.Error(PasskeyErrors.ChallengeInvalid, "Start again: this passkey request has expired or was already used.");
        }

        var outcome = await verifier.VerifyAssertionAsync(answer, ceremony.OptionsJson, userId, http.RequestAborted);
        await audit.AppendAsync(new AuditEvent("mfa.verify", http.Actor(), http.Actor(), outcome.UserId is null ? "failed" : "ok", new Dictionary<string, string>
        {
            ["method"] = "passkey",
            ["code"] = outcome.Error?.Name ?? "ok",
        }), http.RequestAborted);
        if (outcome.UserId is null)
        {
            return PasskeyHttp.Error(PasskeyVerifier.Code(outcome), outcome.Message);
        }

        await signIn.SecondFactorProvedAsync(http, userId, "passkey");
        return Results.Json(new { ok = true });
    }

    /// <summary>The antiforgery token, then a live session; the refusal otherwise.</summary>
    private static async Task<IResult?> SignedInAsync(HttpContext http)
    {
        if (http.UserId() is null || http.SessionHandle() is null)
        {
            return PasskeyHttp.Error(PasskeyErrors.SignInRequired, "Sign in first.");
        }

        return await PasskeyHttp.CheckForgeryAsync(http);
    }

    private static bool RecentSecondFactor(HttpContext http, TimeProvider time) =>
        http.Session() is { SecondFactorAt: { } at } && time.GetUtcNow() - at <= StepUp.Window;

    internal static IResult Open(HttpContext http, PasskeyCeremonies ceremonies, PasskeyCeremony ceremony, string optionsJson)
    {
        if (ceremonies.Open(ceremony) is not { } handle)
        {
            return PasskeyHttp.Error(PasskeyErrors.ChallengeInvalid, "Too many passkey requests are open; try again in a few minutes.");
        }

        PasskeyHttp.SetCeremonyCookie(http, handle);
        return Results.Content(optionsJson, "application/json; charset=utf-8");
    }
}
