using MailKit.Net.Smtp;
using MailKit.Security;
using Tiergate.Console.Hosting;
using Tiergate.Core.Notifications;

namespace Tiergate.Console.Mail;

/// <summary>Sends each message through the configured SMTP server (MailKit), one connection per message.</summary>
public sealed class SmtpUserNotifier(SmtpOptions options) : IUserNotifier
{
    public async Task SendAsync(UserMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new SmtpClient();
        var security = options.Security switch
        {
            "none" => SecureSocketOptions.None,
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
        await client.ConnectAsync(options.Host, options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.Username))
        {
            await client.AuthenticateAsync(options.Username, options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(MimeMessages.From(message, options.From), cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
