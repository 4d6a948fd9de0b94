using MimeKit;
using Tiergate.Core.Notifications;

namespace Tiergate.Console.Mail;

/// <summary>A <see cref="UserMessage"/> as a plain-text MIME message.</summary>
internal static class MimeMessages
{
    public static MimeMessage From(UserMessage message, string from)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.ToEmail));
        mime.Subject = message.Subject;
        mime.Headers.Add("X-Tiergate-Kind", message.Kind);
        mime.Body = new TextPart("plain") { Text = message.TextBody };
        return mime;
    }
}
