using Microsoft.Extensions.Configuration;

namespace Tiergate.Settings;

/// <summary>Turns configuration keys (<c>server:trusted_proxies:1</c>) into the paths people read (<c>server.trusted_proxies[1]</c>).</summary>
public static class SettingsPath
{
    public static string Display(string key)
    {
        var text = new System.Text.StringBuilder();
        foreach (var segment in key.Split(ConfigurationPath.KeyDelimiter))
        {
            if (IsIndex(segment))
            {
                text.Append('[').Append(segment).Append(']');
            }
            else
            {
                text.Append(text.Length == 0 ? "" : ".").Append(segment.ToLowerInvariant());
            }
        }

        return text.ToString();
    }

    /// <summary>The environment variable that sets <paramref name="key"/> (<c>TIERGATE_DATABASE__CONNECTION</c>).</summary>
    public static string EnvironmentVariable(string key) =>
        DeploymentSettingsLoader.EnvironmentPrefix + key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal).ToUpperInvariant();

    public static bool IsIndex(string segment) => segment.Length > 0 && segment.All(char.IsAsciiDigit);
}
