using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Auth;
using Tiergate.Console.Mail;
using Tiergate.Core.Audit;
using Tiergate.Storage.Accounts.Credentials;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Console.Pages;

/// <summary>
/// <c>/login</c>: email and password, then (when enrolled) <c>/login/mfa</c>. A wrong password, an unknown
/// address and an account without a console password all get one message after the same Argon2id work.
/// Guessing is slowed per account and refused per source (<see cref="SignInThrottle"/>), never locked.
/// </summary>
public sealed class LoginModel(ConsoleAccounts accounts, SessionSignIn signIn, SignInThrottle throttle, IAuditLog audit, AccountMail mail, MailQueue queue, TimeProvider time) : ConsolePage
{
    public const string WrongCredentials = "The email address or password is wrong.";

    public string? Email { get; private set; }

    public string? Notice { get; private set; }

    public void OnGet([FromQuery(Name = "done")] string? done) => Notice = done switch
    {
        "reset" => "Your password was changed and every session signed out. Sign in with the new password.",
        "signed-out" => "You are signed out.",
        _ => null,
    };

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "email")] string? email, [FromForm(Name = "password")] string? password)
    {
        Email = Bounded(email, EmailAddress.MaxLength);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || password.Length > PasswordRules.MaxLength)
        {
            Errors[string.IsNullOrWhiteSpace(email) ? "email" : "password"] = string.IsNullOrWhiteSpace(email) ? "Enter your email address." : "Enter your password.";
            FormError = WrongCredentials;
            return Page();
        }

        if (throttle.SourceRefused(Source))
        {
            await audit.AppendAsync(new AuditEvent("account.sign_in", ConsoleAccounts.Actor, null, "throttled", new Dictionary<string, string> { ["source"] = Source }), HttpContext.RequestAborted);
            FormError = "Too many failed sign-ins from your network. Wait a few minutes and try again.";
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        var normalised = EmailAddress.TryNormalise(email);
        var accountKey = normalised ?? email;
        if (throttle.AccountDelay(accountKey) is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, HttpContext.RequestAborted);
        }

        var check = await accounts.CheckPasswordAsync(normalised, password, HttpContext.RequestAborted);
        if (!check.PasswordMatched)
        {
            throttle.RecordFailure(Source, accountKey);
            await audit.AppendAsync(new AuditEvent("account.sign_in", ConsoleAccounts.Actor, null, "failed", new Dictionary<string, string> { ["source"] = Source }), HttpContext.RequestAborted);
            FormError = WrongCredentials;
            return Page();
        }

        var userId = check.UserId!.Value;
        if (!check.EmailVerified)
        {
            // Only the password's owner gets here, so saying so tells nobody else anything.
            var token = await accounts.IssueTokenAsync(userId, AccountTokenPurpose.VerifyEmail, HttpContext.RequestAborted);
            queue.Enqueue(mail.Verify(normalised!, token));
            await audit.AppendAsync(new AuditEvent("account.sign_in", ConsoleAccounts.Actor, $"user:{userId}", "email_unverified", new Dictionary<string, string> { ["source"] = Source }), HttpContext.RequestAborted);
            FormError = "Confirm your email address first: we sent you a new link.";
            return Page();
        }

        throttle.RecordSuccess(accountKey);
        if (check.MfaEnrolled)
        {
            await HttpContext.SignInAsync(ConsoleAuth.PendingScheme, CurrentUser.Principal(ConsoleAuth.PendingScheme, userId, normalised!, null));
            return Redirect("/login/mfa");
        }

        await signIn.StartAsync(HttpContext, userId, normalised!, secondFactor: false, "password");
        return Redirect("/account");
    }
}
