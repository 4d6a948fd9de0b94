namespace Tiergate.Settings;

/// <summary><c>console</c>: how users reach the web console; the base of every link in mail.</summary>
/// <param name="PublicUrl">The public base URL (<c>https://tiergate.example.org</c>); null: the first <c>server.urls</c> address.</param>
public sealed record ConsoleSettings(Uri? PublicUrl)
{
    public static ConsoleSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var url = settings.Value("console:public_url");
        if (url is null)
        {
            return new ConsoleSettings(PublicUrl: null);
        }

        if (!Uri.TryCreate(url.Text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment))
        {
            settings.Error(url, $"'{url.Text}' is not an http:// or https:// base URL (e.g. https://tiergate.example.org)");
            return new ConsoleSettings(PublicUrl: null);
        }

        return new ConsoleSettings(parsed);
    }

    /// <summary>The base URL for links: the setting, else the first listen address (a wildcard host read as localhost).</summary>
    public Uri BaseUrl(IReadOnlyList<string> listenUrls)
    {
        ArgumentNullException.ThrowIfNull(listenUrls);
        if (PublicUrl is not null)
        {
            return PublicUrl;
        }

        var first = listenUrls.Count > 0 ? listenUrls[0] : ServerSettings.DefaultUrl;
        var builder = new UriBuilder(first.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal));
        return builder.Uri;
    }
}
