using System.Globalization;
using System.Text.RegularExpressions;

namespace Tiergate.Server.IntegrationTests.Telemetry;

/// <summary>Reads samples out of a Prometheus text-format scrape: <c>name{label="value",...} number</c>.</summary>
internal sealed partial class PrometheusText(string text)
{
    public string Text { get; } = text;

    /// <summary>The samples named <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public IReadOnlyList<double> Values(string name, params (string Label, string Value)[] labels)
    {
        var values = new List<double>();
        foreach (var line in Text.Split('\n'))
        {
            var match = Sample().Match(line);
            if (!match.Success || match.Groups["name"].Value != name)
            {
                continue;
            }

            var have = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            if (labels.All(l => have.TryGetValue(l.Label, out var v) && v == l.Value))
            {
                values.Add(double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
            }
        }

        return values;
    }

    /// <summary>The one sample that matches; fails with the whole scrape when there is none or several.</summary>
    public double Single(string name, params (string Label, string Value)[] labels)
    {
        var values = Values(name, labels);
        Assert.True(values.Count == 1, $"{values.Count} samples of {name} {string.Join(",", labels)} in:\n{Text}");
        return values[0];
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>[^ ]+)""")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
