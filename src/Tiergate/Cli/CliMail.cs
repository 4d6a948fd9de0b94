using Microsoft.Extensions.Logging.Abstractions;
using Tiergate.Console.Hosting;
using Tiergate.Console.Mail;
using Tiergate.Core.Notifications;
using Tiergate.Settings;

namespace Tiergate.Cli;

/// <summary>
/// Mail from the CLI goes where the server's goes: the SMTP server the settings name, or else an
/// <c>.eml</c> file under <c>DATA/outbox/</c>. Nothing is logged, so <c>--json</c> output stays one object.
/// </summary>
internal static class CliMail
{
    public static SmtpOptions? Smtp(DeploymentSettings settings) => settings.Mail.Host is { } host
        ? new SmtpOptions(host, settings.Mail.Port, settings.Mail.From, settings.Mail.User, settings.Mail.Password, settings.Mail.Security)
        : null;

    public static IUserNotifier Notifier(DeploymentSettings settings) => Smtp(settings) is { } smtp
        ? new SmtpUserNotifier(smtp)
        : new OutboxUserNotifier(Path.Combine(settings.DataDirectory, "outbox"), settings.Mail.From, TimeProvider.System, NullLogger<OutboxUserNotifier>.Instance);
}
