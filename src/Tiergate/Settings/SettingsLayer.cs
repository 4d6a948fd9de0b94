using Microsoft.Extensions.Configuration;

namespace Tiergate.Settings;

/// <summary>One source of settings (a configuration provider) with a way to name where each of its keys came from.</summary>
public sealed class SettingsLayer(SettingsSourceKind kind, IConfigurationProvider provider, Func<string, string> describe, string? baseDirectory = null)
{
    public SettingsSourceKind Kind { get; } = kind;

    /// <summary>Relative paths given in this layer resolve against it (the settings file's folder); null: the current directory.</summary>
    public string? BaseDirectory { get; } = baseDirectory;

    public SettingsOrigin Origin(string key) => new(Kind, describe(key));

    public bool TryGet(string key, out string? value) => provider.TryGet(key, out value);

    /// <summary>The names directly under <paramref name="key"/> (null: the top level), each once.</summary>
    public IReadOnlyList<string> Children(string? key) =>
        provider.GetChildKeys([], key).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Every key that holds a value, with ':' between sections.</summary>
    public IEnumerable<string> Keys(string? parent = null)
    {
        foreach (var child in Children(parent))
        {
            var key = parent is null ? child : ConfigurationPath.Combine(parent, child);
            var nested = Children(key);
            if (nested.Count == 0 || provider.TryGet(key, out _))
            {
                yield return key;
            }

            foreach (var deeper in nested.Count == 0 ? [] : Keys(key))
            {
                yield return deeper;
            }
        }
    }
}
