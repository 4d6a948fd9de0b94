using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>Mean time divided by the benchmark's <c>Chars</c> parameter: flat when the cost is linear in the length.</summary>
internal sealed class NanosecondsPerCharColumn : IColumn
{
    public string Id => "NsPerChar";

    public string ColumnName => "ns/char";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Mean nanoseconds per answer char";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        var chars = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Chars")?.Value;
        if (report?.ResultStatistics is not { } statistics || chars is not int count || count == 0)
        {
            return "-";
        }

        return (statistics.Mean / count).ToString("0.0", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
