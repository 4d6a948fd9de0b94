namespace Tiergate.Settings;

/// <summary>One problem in the deployment settings, located by its path (<c>server.trusted_proxies[1]</c>) and source.</summary>
public sealed record SettingsError(string Path, string Message, SettingsOrigin? Origin = null)
{
    public override string ToString() =>
        Origin is { } origin ? $"{Path}: {Message} ({origin.Description})" : $"{Path}: {Message}";
}
