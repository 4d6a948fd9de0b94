using Microsoft.AspNetCore.Mvc;
using Tiergate.Console.Mail;
using Tiergate.Storage.Accounts.Credentials;
using Tiergate.Storage.Accounts.Users;

namespace Tiergate.Console.Pages;

/// <summary>
/// <c>/register</c>. A new address gets an account and a verification link; an address already registered
/// gets a notice mail instead. The page says the same in both cases, and both do the same hashing work, so
/// neither the answer nor its timing tells whether the address is registered.
/// </summary>
public sealed class RegisterModel(ConsoleAccounts accounts, AccountMail mail, MailQueue queue) : ConsolePage
{
    public string? Email { get; private set; }

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "email")] string? email, [FromForm(Name = "password")] string? password)
    {
        Email = Bounded(email, EmailAddress.MaxLength);
        var normalised = email is null ? null : EmailAddress.TryNormalise(email);
        if (normalised is null)
        {
            Errors["email"] = "Enter an email address, like name@example.org.";
        }

        if (PasswordRules.Problem(password, normalised ?? email) is { } problem)
        {
            Errors["password"] = problem;
        }

        if (Errors.Count > 0)
        {
            FormError = "Correct the fields marked below.";
            return Page();
        }

        var result = await accounts.RegisterAsync(normalised!, password!, HttpContext.RequestAborted);
        queue.Enqueue(result.VerificationToken is { } token ? mail.Verify(result.NormalisedEmail, token) : mail.Existing(result.NormalisedEmail));
        Sent = true;
        return Page();
    }
}
