using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Tiergate.Core.Policy;

/// <summary>
/// Reads typed fields from one YAML mapping, recording every problem with its path instead of
/// stopping at the first, and flagging keys it was never asked for (usually typos).
/// </summary>
internal sealed class YamlFields
{
    private readonly YamlMappingNode? _node;
    private readonly List<PolicyError> _errors;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public YamlFields(YamlNode? node, string path, List<PolicyError> errors)
    {
        Path = path;
        _errors = errors;
        if (node is YamlMappingNode mapping)
        {
            _node = mapping;
        }
        else if (node is not null && !IsNull(node))
        {
            Error(path, "expected a mapping", node);
        }
    }

    public string Path { get; }

    public bool Exists => _node is not null;

    /// <summary>The mapping under <paramref name="key"/>, sharing this reader's error list.</summary>
    public YamlFields Nested(string key) => new(Node(key), Child(key), _errors);

    /// <summary>A mapping found elsewhere (a list item), sharing this reader's error list.</summary>
    public YamlFields Item(YamlNode node, string path) => new(node, path, _errors);

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public YamlNode? Node(string key)
    {
        _known.Add(key);
        if (_node is null)
        {
            return null;
        }

        foreach (var (k, v) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && name == key)
            {
                return IsNull(v) ? null : v;
            }
        }

        return null;
    }

    public string? String(string key, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                Error(Child(key), "is required", _node);
            }

            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Error(Child(key), "expected a string", node);
            return null;
        }

        var value = scalar.Value?.Trim();
        if (required && string.IsNullOrEmpty(value))
        {
            Error(Child(key), "must not be empty", node);
        }

        return value;
    }

    public bool Bool(string key, bool fallback)
    {
        var text = String(key);
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Error(Child(key), $"expected true or false, got '{text}'", Node(key));
        return fallback;
    }

    public long? Long(string key, long min, long max = long.MaxValue)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error(Child(key), $"expected a whole number from {min} to {max}, got '{text}'", Node(key));
        return null;
    }

    public int? Int(string key, int min, int max = int.MaxValue) => (int?)Long(key, min, max);

    public double? Double(string key, double min, double max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Error(Child(key), $"expected a number from {min} to {max}, got '{text}'", Node(key));
        return null;
    }

    /// <summary>Every key of this mapping, each marked as known (for open-ended mappings such as categories).</summary>
    public IReadOnlyList<string> Keys()
    {
        var keys = _node?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToList() ?? [];
        foreach (var key in keys)
        {
            _known.Add(key);
        }

        return keys;
    }

    public TEnum? Enum<TEnum>(string key, IReadOnlyDictionary<string, TEnum> names)
        where TEnum : struct
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (names.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(Child(key), $"unknown value '{text}' (expected one of: {string.Join(", ", names.Keys)})", Node(key));
        return null;
    }

    public IReadOnlyList<string> Strings(string key)
    {
        var items = new List<string>();
        foreach (var (node, path) in Items(key))
        {
            if (node is YamlScalarNode { Value: { Length: > 0 } value })
            {
                items.Add(value.Trim());
            }
            else
            {
                Error(path, "expected a non-empty string", node);
            }
        }

        return items;
    }

    public IEnumerable<(YamlNode Node, string Path)> Items(string key)
    {
        var node = Node(key);
        if (node is null)
        {
            yield break;
        }

        if (node is not YamlSequenceNode sequence)
        {
            Error(Child(key), "expected a list", node);
            yield break;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            yield return (sequence.Children[i], $"{Child(key)}[{i}]");
        }
    }

    /// <summary>Reports keys that no reader asked for; call after reading every field.</summary>
    public void RejectUnknownKeys()
    {
        if (_node is null)
        {
            return;
        }

        foreach (var (k, _) in _node.Children)
        {
            if (k is YamlScalarNode { Value: { } name } && !_known.Contains(name))
            {
                Error(Child(name), "unknown key", k);
            }
        }
    }

    public void Error(string path, string message, YamlNode? at) =>
        _errors.Add(new PolicyError(path, message, at is null ? null : (int)at.Start.Line));

    /// <summary>An error with a stable code (<see cref="Errors.ErrorCodes"/>).</summary>
    public void Error(string path, string message, YamlNode? at, Errors.ErrorCode code) =>
        _errors.Add(new PolicyError(path, message, at is null ? null : (int)at.Start.Line, code.Id));

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" };
}
