using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Tiergate.Settings;

/// <summary>
/// Reads a YAML settings file into configuration keys (<c>server:urls:0</c>), as .NET's JSON source
/// flattens JSON, remembering each value's line for error messages.
/// </summary>
public static class YamlSettingsFile
{
    public static SettingsLayer Read(string path, List<SettingsError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var lines = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var name = Path.GetFileName(path);
        try
        {
            var text = File.ReadAllText(path);
            if (Core.Policy.YamlNesting.FindTooDeep(text) is { } line)
            {
                errors.Add(new SettingsError("(file)", $"nested deeper than {Core.Policy.YamlNesting.MaxDepth} levels", Where(name, line)));
            }
            else
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(text));
                if (stream.Documents.Count > 0)
                {
                    Flatten(stream.Documents[0].RootNode, null, values, lines, errors, name);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new SettingsError("(file)", $"cannot read settings file '{path}': {e.Message}"));
        }
        catch (YamlException e)
        {
            errors.Add(new SettingsError("(file)", $"not valid YAML: {e.InnerException?.Message ?? e.Message}", Where(name, e.Start.Line)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections.
            errors.Add(new SettingsError("(file)", "not valid YAML: unterminated or malformed collection", new SettingsOrigin(SettingsSourceKind.File, name)));
        }

        var provider = new MemoryConfigurationProvider(new MemoryConfigurationSource { InitialData = values });
        return new SettingsLayer(SettingsSourceKind.File, provider,
            key => lines.TryGetValue(key, out var line) ? $"{name} line {line}" : name,
            Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    private static void Flatten(
        YamlNode node, string? prefix, Dictionary<string, string?> values, Dictionary<string, long> lines, List<SettingsError> errors, string file)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (keyNode, child) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name } || name.Contains(ConfigurationPath.KeyDelimiter, StringComparison.Ordinal))
                    {
                        errors.Add(new SettingsError(prefix is null ? "(file)" : SettingsPath.Display(prefix), "keys must be plain names", Where(file, keyNode.Start.Line)));
                        continue;
                    }

                    var key = prefix is null ? name : ConfigurationPath.Combine(prefix, name);
                    if (!lines.TryAdd(key, keyNode.Start.Line))
                    {
                        // Configuration keys ignore case, so 'Data' and 'data' would silently override each other.
                        errors.Add(new SettingsError(SettingsPath.Display(key), "appears twice", Where(file, keyNode.Start.Line)));
                        continue;
                    }

                    Flatten(child, key, values, lines, errors, file);
                }

                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    var key = ConfigurationPath.Combine(prefix ?? "", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    lines[key] = sequence.Children[i].Start.Line;
                    Flatten(sequence.Children[i], key, values, lines, errors, file);
                }

                break;
            case YamlScalarNode scalar when prefix is null:
                errors.Add(new SettingsError("(file)", "expected a mapping of settings", Where(file, scalar.Start.Line)));
                break;
            case YamlScalarNode scalar:
                values[prefix] = IsNull(scalar) ? "" : scalar.Value;
                break;
            default:
                errors.Add(new SettingsError(prefix is null ? "(file)" : SettingsPath.Display(prefix), "unsupported YAML node", Where(file, node.Start.Line)));
                break;
        }
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static SettingsOrigin Where(string file, long line) => new(SettingsSourceKind.File, $"{file} line {line}");
}
