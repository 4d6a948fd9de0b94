using Microsoft.Extensions.Configuration;

namespace Tiergate.Settings;

/// <summary>
/// Reads typed settings from the layers in precedence order (flags, environment, file), collecting
/// every problem with its path and source instead of stopping at the first, and remembering each key
/// it was asked for so that keys nothing reads (usually typos) are reported, not ignored.
/// </summary>
public sealed class SettingsReader(IReadOnlyList<SettingsLayer> layers, List<SettingsError> errors)
{
    private readonly HashSet<string> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _lists = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The winning value of <paramref name="key"/> (<c>database:connection</c>), or null when no layer gives it.</summary>
    public SettingValue? Value(string key)
    {
        _values.Add(key);
        foreach (var layer in layers)
        {
            if (layer.TryGet(key, out var text))
            {
                return Checked(layer, key, text);
            }

            if (layer.Children(key).Count > 0)
            {
                Error(key, "expected a single value, not a list or a mapping", layer.Origin(key));
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// A list, taken whole from the highest layer that gives it: YAML items, <c>KEY__0</c>, <c>KEY__1</c>
    /// variables, repeated flags, or one value with items separated by ';' (as <c>ASPNETCORE_URLS</c>).
    /// Null when no layer gives it. Lists are not merged item by item across layers.
    /// </summary>
    public IReadOnlyList<SettingValue>? List(string key)
    {
        _lists.Add(key);
        foreach (var layer in layers)
        {
            if (layer.TryGet(key, out var joined))
            {
                var whole = Checked(layer, key, joined);
                return whole is null
                    ? null
                    : whole.Text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select((item, i) => whole with { Text = item, Path = $"{SettingsPath.Display(key)}[{i}]" })
                        .ToList();
            }

            var children = layer.Children(key);
            if (children.Count == 0)
            {
                continue;
            }

            if (!children.All(SettingsPath.IsIndex))
            {
                Error(key, "expected a list", layer.Origin(key));
                return null;
            }

            var items = new List<SettingValue>();
            foreach (var index in children.Select(int.Parse).Order())
            {
                var itemKey = ConfigurationPath.Combine(key, index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (layer.TryGet(itemKey, out var text) && Checked(layer, itemKey, text) is { } item)
                {
                    items.Add(item);
                }
            }

            return items;
        }

        return null;
    }

    public void Error(SettingValue value, string message)
    {
        ArgumentNullException.ThrowIfNull(value);
        errors.Add(new SettingsError(value.Path, message, value.Origin));
    }

    public void Error(string key, string message, SettingsOrigin? origin = null) =>
        errors.Add(new SettingsError(SettingsPath.Display(key), message, origin));

    /// <summary>
    /// Reports every key that nothing read. The environment is shared with other <c>TIERGATE_</c>
    /// variables (the secrets, variables a policy names), so there only variables that address a
    /// setting or a section (<c>TIERGATE_DATA</c>, <c>TIERGATE_DATABASE__...</c>) are checked.
    /// </summary>
    public void RejectUnknownKeys()
    {
        var sections = _values.Concat(_lists).Where(k => k.Contains(ConfigurationPath.KeyDelimiter, StringComparison.Ordinal))
            .Select(k => k.Split(ConfigurationPath.KeyDelimiter)[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var layer in layers)
        {
            foreach (var key in layer.Keys())
            {
                var nested = key.Contains(ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                if (IsKnown(key) || (layer.Kind == SettingsSourceKind.Environment && !nested && !sections.Contains(key)))
                {
                    continue;
                }

                if (sections.Contains(key))
                {
                    // An empty section in the file ("server:" with nothing under it) is harmless.
                    if (!(layer.TryGet(key, out var text) && string.IsNullOrWhiteSpace(text) && layer.Kind == SettingsSourceKind.File))
                    {
                        Error(key, $"is a section, not a value; give its keys: {string.Join(", ", KnownUnder(key))}", layer.Origin(key));
                    }

                    continue;
                }

                var parent = ConfigurationPath.GetParentPath(key);
                while (parent is not null && !sections.Contains(parent) && !_lists.Contains(parent))
                {
                    parent = ConfigurationPath.GetParentPath(parent);
                }

                Error(key, $"unknown setting; known here: {string.Join(", ", KnownUnder(parent))}", layer.Origin(key));
            }
        }
    }

    private bool IsKnown(string key)
    {
        if (_values.Contains(key) || _lists.Contains(key))
        {
            return true;
        }

        var parent = ConfigurationPath.GetParentPath(key);
        return parent is not null && _lists.Contains(parent) && SettingsPath.IsIndex(ConfigurationPath.GetSectionKey(key));
    }

    private IEnumerable<string> KnownUnder(string? parent) =>
        _values.Concat(_lists)
            .Where(k => parent is null || k.StartsWith(parent + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase))
            .Select(k => k[(parent is null ? 0 : parent.Length + 1)..].Split(ConfigurationPath.KeyDelimiter)[0])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);

    private SettingValue? Checked(SettingsLayer layer, string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            // Fail closed, as for secrets: a setting that is present but blank is a mistake, not "use the default".
            Error(key, "is set but blank; remove it to use the default, or give a value", layer.Origin(key));
            return null;
        }

        return new SettingValue(text.Trim(), SettingsPath.Display(key), layer.Origin(key), layer.BaseDirectory);
    }
}
