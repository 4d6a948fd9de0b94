using System.Globalization;

namespace Tiergate.Bench;

/// <summary><c>--name value</c> and <c>--flag</c> arguments.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = [];

    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var name = args[i][2..];
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[name] = hasValue ? args[++i] : null;
        }

        return parsed;
    }

    public string? Value(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _values.ContainsKey(name);

    public string Required(string name) => Value(name) ?? throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int fallback) =>
        Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
