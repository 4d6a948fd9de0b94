using Tiergate.Console.Hosting;
using Tiergate.Core.Notifications;

namespace Tiergate.Console.Mail;

/// <summary>The account messages: what each says, and the link built on the public base URL.</summary>
public sealed class AccountMail(ConsoleOptions options)
{
    public const string VerifyKind = "email.verify";
    public const string ResetKind = "password.reset";
    public const string ExistingKind = "account.exists";

    public UserMessage Verify(string email, string token)
    {
        var link = Link("/verify", token);
        return new UserMessage(email, "Confirm your email for Tiergate", $"Follow this link within 24 hours to confirm your email address:\n\n{link}\n\nIf you did not register, ignore this message.\n", VerifyKind, link);
    }

    public UserMessage Reset(string email, string token)
    {
        var link = Link("/reset", token);
        return new UserMessage(email, "Reset your Tiergate password", $"Follow this link within 30 minutes to choose a new password:\n\n{link}\n\nSetting a new password signs out every session. If you did not ask, ignore this message.\n", ResetKind, link);
    }

    /// <summary>Sent when someone registers an address that already has an account: the owner learns of it; the registrant's page says only "check your mail".</summary>
    public UserMessage Existing(string email)
    {
        var link = new Uri(options.PublicBaseUrl, "/forgot");
        return new UserMessage(email, "Someone tried to register with your email", $"Someone (perhaps you) tried to register a Tiergate account with this address, which already has one.\nIf you forgot your password, reset it here:\n\n{link}\n", ExistingKind, link);
    }

    private Uri Link(string path, string token) => new(options.PublicBaseUrl, $"{path}?token={Uri.EscapeDataString(token)}");
}
