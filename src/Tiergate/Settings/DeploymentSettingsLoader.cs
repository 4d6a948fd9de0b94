using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace Tiergate.Settings;

/// <summary>
/// Resolves the deployment settings from, highest precedence first: command-line flags,
/// <c>TIERGATE_</c>-prefixed environment variables (<c>__</c> between sections, as .NET's
/// environment source reads them), and the YAML file given by <c>--settings</c>; then defaults.
/// Validates the whole and reports every error at once.
/// </summary>
public static class DeploymentSettingsLoader
{
    public const string EnvironmentPrefix = "TIERGATE_";

    /// <param name="environment">The environment source; tests pass a memory source with the keys it would produce.</param>
    public static SettingsLoadResult Load(string? settingsFile, IReadOnlyList<SettingsFlag> flags, IConfigurationSource? environment = null)
    {
        ArgumentNullException.ThrowIfNull(flags);
        var errors = new List<SettingsError>();
        var layers = new List<SettingsLayer>
        {
            FlagLayer(flags),
            Layer(SettingsSourceKind.Environment, environment ?? new EnvironmentVariablesConfigurationSource { Prefix = EnvironmentPrefix }, SettingsPath.EnvironmentVariable),
        };
        if (settingsFile is not null)
        {
            layers.Add(YamlSettingsFile.Read(settingsFile, errors));
        }

        var reader = new SettingsReader(layers, errors);
        var settings = DeploymentSettings.Read(reader);
        reader.RejectUnknownKeys();
        return errors.Count > 0 ? new SettingsLoadResult(null, errors) : new SettingsLoadResult(settings, []);
    }

    private static SettingsLayer FlagLayer(IReadOnlyList<SettingsFlag> flags)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var flag in flags.Where(f => f.Values.Count > 0))
        {
            if (flag.Values.Count == 1)
            {
                values[flag.Key] = flag.Values[0];
            }
            else
            {
                for (var i = 0; i < flag.Values.Count; i++)
                {
                    values[ConfigurationPath.Combine(flag.Key, i.ToString(System.Globalization.CultureInfo.InvariantCulture))] = flag.Values[i];
                }
            }
        }

        return Layer(SettingsSourceKind.Flag, new MemoryConfigurationSource { InitialData = values },
            key => flags.FirstOrDefault(f => key.Equals(f.Key, StringComparison.OrdinalIgnoreCase)
                || key.StartsWith(f.Key + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase))?.Name ?? key);
    }

    private static SettingsLayer Layer(SettingsSourceKind kind, IConfigurationSource source, Func<string, string> describe)
    {
        var provider = source.Build(new ConfigurationBuilder());
        provider.Load();
        return new SettingsLayer(kind, provider, describe);
    }
}
