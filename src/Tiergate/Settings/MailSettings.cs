using System.Globalization;

namespace Tiergate.Settings;

/// <summary>
/// <c>mail</c>: the SMTP server the console sends through (MailKit). With no <c>mail.host</c>, each message
/// is written to <c>DATA/outbox/</c> instead (the quick start). The password never comes from the settings
/// file: give it in <c>TIERGATE_MAIL__PASSWORD</c>.
/// </summary>
public sealed record MailSettings(string? Host, int Port, string From, string? User, string? Password, string Security)
{
    public const string DefaultFrom = "tiergate@localhost";

    public static MailSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var host = settings.Value("mail:host");
        var port = settings.Value("mail:port");
        var from = settings.Value("mail:from");
        var user = settings.Value("mail:user");
        var password = settings.Value("mail:password");
        var security = settings.Value("mail:security");

        var portNumber = 587;
        if (port is not null && (!int.TryParse(port.Text, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) || portNumber is < 1 or > 65535))
        {
            settings.Error(port, $"must be a port number (1-65535), not '{port.Text}'");
        }

        if (security is not null && security.Text is not ("auto" or "starttls" or "tls" or "none"))
        {
            settings.Error(security, $"must be auto, starttls, tls or none, not '{security.Text}'");
        }

        if (from is not null && !IsAddress(from.Text))
        {
            settings.Error(from, $"'{from.Text}' is not an email address");
        }

        if (password is not null && password.Origin.Kind == SettingsSourceKind.File)
        {
            // Never echo it.
            settings.Error(password, "the settings file never holds secrets: give the SMTP password in TIERGATE_MAIL__PASSWORD");
        }

        if (host is null)
        {
            foreach (var orphan in new[] { port, user, password, security }.OfType<SettingValue>())
            {
                settings.Error(orphan, "needs mail.host (without it, mail is written to DATA/outbox/)");
            }
        }

        if (password is not null && user is null)
        {
            settings.Error(password, "needs mail.user");
        }

        return new MailSettings(host?.Text, portNumber, from?.Text ?? DefaultFrom, user?.Text, password?.Origin.Kind == SettingsSourceKind.File ? null : password?.Text, security?.Text ?? "auto");
    }

    private static bool IsAddress(string text) => System.Net.Mail.MailAddress.TryCreate(text, out var parsed) && parsed.Address == text;
}
