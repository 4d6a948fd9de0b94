using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Mail;
using Tiergate.Core.Audit;
using Tiergate.Storage.Accounts.Credentials;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Console.Pages;

/// <summary>
/// <c>/forgot</c>: mails a reset link to a registered address; says the same for any address (the mail is sent
/// in the background, so the answer takes as long either way).
/// </summary>
public sealed class ForgotModel(ConsoleAccounts accounts, AccountMail mail, MailQueue queue, IAuditLog audit) : ConsolePage
{
    public string? Email { get; private set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "email")] string? email)
    {
        Email = Bounded(email, EmailAddress.MaxLength);
        if (email is null || EmailAddress.TryNormalise(email) is not { } normalised)
        {
            Errors["email"] = "Enter an email address, like name@example.org.";
            FormError = "Correct the field marked below.";
            return Page();
        }

        if (await accounts.FindActiveUserAsync(normalised, HttpContext.RequestAborted) is { } userId)
        {
            var token = await accounts.IssueTokenAsync(userId, AccountTokenPurpose.ResetPassword, HttpContext.RequestAborted);
            queue.Enqueue(mail.Reset(normalised, token));
            await audit.AppendAsync(new AuditEvent("account.password_reset_request", ConsoleAccounts.Actor, $"user:{userId}", "ok"), HttpContext.RequestAborted);
        }
        else
        {
            await audit.AppendAsync(new AuditEvent("account.password_reset_request", ConsoleAccounts.Actor, null, "unknown"), HttpContext.RequestAborted);
        }

        Sent = true;
        return Page();
    }
}
