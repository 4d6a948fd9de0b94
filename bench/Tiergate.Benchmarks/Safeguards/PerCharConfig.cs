using BenchmarkDotNet.Configs;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>Adds the ns/char column to benchmarks with a <c>Chars</c> parameter.</summary>
internal sealed class PerCharConfig : ManualConfig
{
    public PerCharConfig() => AddColumn(new NanosecondsPerCharColumn());
}
