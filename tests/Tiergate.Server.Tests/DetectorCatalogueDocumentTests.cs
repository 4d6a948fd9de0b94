using System.Globalization;
using Tiergate.Core.Monitoring;

namespace Tiergate.Server.Tests;

/// <summary>docs/monitoring.md's threshold table against <see cref="DetectorCatalogue"/>: every detector's every threshold, its default and range, and nothing else.</summary>
public sealed class DetectorCatalogueDocumentTests
{
    [Fact]
    public void MonitoringDoc_ThresholdTable_MatchesTheCatalogue()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "monitoring.md"));
        var documented = lines
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal) && l.Split('|').Length == 7 && l.Split('|')[2].Trim().StartsWith('`'))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .Select(c => $"{c[1].Trim('`')}.{c[2].Trim('`')}={c[3]} [{c[4]}]")
            .ToList();

        var expected = DetectorCatalogue.Parameters
            .SelectMany(d => d.Value.Select(p => $"{d.Key}.{p.Name}={Text(p.Default)} [{Text(p.Min)}–{Text(p.Max)}]"))
            .ToList();

        Assert.Equal(expected, documented);
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tiergate.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Tiergate.slnx not found above the test directory");
    }
}
