namespace Tiergate.Settings;

/// <summary>
/// <c>logging</c>: <c>format: text</c> (the default, for a terminal) or <c>json</c> (one JSON object a line, with the
/// request's trace and span ids, for a log collector). Either way no log line holds prompt or answer text or a secret.
/// </summary>
public sealed record LoggingSettings(bool Json)
{
    public static readonly LoggingSettings Text = new(false);

    public static LoggingSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Value("logging:format") is not { } format)
        {
            return Text;
        }

        switch (format.Text)
        {
            case "text":
                return Text;
            case "json":
                return new LoggingSettings(true);
            default:
                settings.Error(format, $"must be text or json, not '{format.Text}'");
                return Text;
        }
    }
}
