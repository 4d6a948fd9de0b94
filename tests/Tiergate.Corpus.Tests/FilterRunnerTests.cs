using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Pipeline;
using Tiergate.Corpus.Reporting;
using Tiergate.Testing.Corpus;

namespace Tiergate.Corpus.Tests;

public sealed class FilterRunnerTests
{
    private static FilterReport Run(FilterRequest request) =>
        new FilterRunner(TimeProvider.System).RunAsync(FilterJobFactory.Create(request, _ => null), null, CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void RunAsync_MinTermsTwo_RemovesOnlyDocumentsWithTwoDistinctTerms()
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("a.jsonl",
            "{\"id\":\"1\",\"text\":\"anthrax anthrax anthrax\"}\n{\"id\":\"2\",\"text\":\"Anthrax and RICIN\"}\n{\"id\":\"3\",\"text\":\"nothing here\"}\n");

        var report = Run(new FilterRequest { Inputs = [input], Output = corpus.Output, Blocklist = corpus.Blocklist, MinTerms = 2 });

        Assert.Equal(3, report.Totals.DocumentsIn);
        Assert.Equal(1, report.Totals.Removed);
        var removed = TestCorpus.ReadZstd(Path.Combine(corpus.Output, "removed", "a.jsonl.zst"));
        Assert.Equal("{\"id\":\"2\",\"text\":\"Anthrax and RICIN\"}\n", removed);
        var kept = TestCorpus.ReadZstd(Path.Combine(corpus.Output, "kept", "a.jsonl.zst"));
        Assert.Equal(2, kept.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void RunAsync_BadLines_CountedWithFileAndLineAndKeptInInvalid()
    {
        using var corpus = new TestCorpus();
        var input = corpus.WriteBytes("bad.jsonl", [
            .. "{\"text\":\"fine\"}\n"u8, .. "{broken\n"u8, .. "{\"other\":1}\n"u8, .. "{\"text\":\"x"u8, 0xFF, .. "\"}\n"u8, .. "{\"text\":5}\n"u8,
        ]);

        var report = Run(new FilterRequest { Inputs = [input], Output = corpus.Output, Blocklist = corpus.Blocklist });

        Assert.Equal(5, report.Totals.DocumentsIn);
        Assert.Equal(4, report.Totals.Invalid);
        Assert.Equal(
            [(2L, BadInputReasons.MalformedJson), (3L, BadInputReasons.MissingTextField), (4L, BadInputReasons.InvalidUtf8), (5L, BadInputReasons.TextFieldNotString)],
            report.Totals.BadInputs.Select(b => (b.Line, b.Reason)).ToArray());
        Assert.All(report.Totals.BadInputs, b => Assert.Equal("bad.jsonl", b.File));
        var invalid = File.ReadAllBytes(Path.Combine(corpus.Output, "invalid", "bad.jsonl"[..^6] + ".jsonl.zst"));
        Assert.NotEmpty(invalid);
    }

    [Fact]
    public void RunAsync_TruncatedZstd_ReportsTruncationAndKeepsEarlierDocuments()
    {
        using var corpus = new TestCorpus();
        var full = corpus.WriteZstd("full.jsonl.zst", TestCorpus.Documents(5000));
        var bytes = File.ReadAllBytes(full);
        File.Delete(full);
        var cut = corpus.WriteBytes("cut.jsonl.zst", bytes[..(bytes.Length / 2)]);

        var report = Run(new FilterRequest { Inputs = [cut], Output = corpus.Output, Blocklist = corpus.Blocklist });

        Assert.True(report.Totals.DocumentsIn > 100);
        Assert.Equal(1, report.Totals.InvalidByReason[BadInputReasons.TruncatedInput]);
        Assert.Contains(report.Totals.BadInputs, b => b.Reason == BadInputReasons.TruncatedInput && b.File == "cut.jsonl.zst" && b.Line > 100);
    }

    [Fact]
    public void RunAsync_NestedTextFieldPath_ReadsTheNestedField()
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("n.jsonl", "{\"text\":\"ricin sarin\",\"meta\":{\"body\":\"harmless\"}}\n{\"meta\":{\"body\":\"ricin and sarin\"}}\n");

        var report = Run(new FilterRequest { Inputs = [input], Output = corpus.Output, Blocklist = corpus.Blocklist, MinTerms = 2, TextField = "$.meta.body" });

        Assert.Equal(1, report.Totals.Removed);
        Assert.Contains("ricin and sarin", TestCorpus.ReadZstd(Path.Combine(corpus.Output, "removed", "n.jsonl.zst")), StringComparison.Ordinal);
    }

    [Fact]
    public void RunAsync_ByteRangeShards_SameOutputsAsWholeFile()
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("big.jsonl", TestCorpus.Documents(3000));
        var whole = Run(new FilterRequest { Inputs = [input], Output = Path.Combine(corpus.Root, "whole"), Blocklist = corpus.Blocklist });
        var split = Run(new FilterRequest { Inputs = [input], Output = Path.Combine(corpus.Root, "split"), Blocklist = corpus.Blocklist, SplitBytes = 50_000 });

        var splitKept = string.Concat(Directory.GetFiles(Path.Combine(corpus.Root, "split", "kept")).Order(StringComparer.Ordinal).Select(TestCorpus.ReadZstd));
        Assert.True(split.Ranks[0].Shards > 3);
        Assert.Equal(whole.Totals.DocumentsIn, split.Totals.DocumentsIn);
        Assert.Equal(TestCorpus.ReadZstd(Path.Combine(corpus.Root, "whole", "kept", "big.jsonl.zst")), splitKept);
    }

    [Fact]
    public void RunAsync_TwoRanksThenMerge_MatchesSingleRank()
    {
        using var corpus = new TestCorpus();
        var inputs = Enumerable.Range(0, 5).Select(i => corpus.WriteZstd($"in/p{i}.jsonl.zst", TestCorpus.Documents(400, seed: i))).ToArray();
        var single = Run(new FilterRequest { Inputs = [Path.Combine(corpus.Root, "in")], Output = Path.Combine(corpus.Root, "one"), Blocklist = corpus.Blocklist });
        var shared = Path.Combine(corpus.Root, "many");
        Run(new FilterRequest { Inputs = inputs, Output = shared, Blocklist = corpus.Blocklist, Rank = 0, WorldSize = 2 });
        Run(new FilterRequest { Inputs = inputs, Output = shared, Blocklist = corpus.Blocklist, Rank = 1, WorldSize = 2 });

        var merged = ReportMerger.Merge(shared);

        Assert.Empty(merged.MissingRanks);
        Assert.Equal(single.Totals.DocumentsIn, merged.Totals.DocumentsIn);
        Assert.Equal(single.Totals.Removed, merged.Totals.Removed);
        Assert.Equal(single.Totals.Samples.Select(s => s.SampleKey), merged.Totals.Samples.Select(s => s.SampleKey));
        Assert.True(File.Exists(Path.Combine(shared, "report.html")));
    }

    [Fact]
    public void RunAsync_RebuildFromSidecarWithHigherK_RemovesFewerWithoutBlocklist()
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("r.jsonl", "{\"text\":\"ricin\"}\n{\"text\":\"ricin sarin\"}\n{\"text\":\"ricin sarin anthrax\"}\n");
        var tagged = Run(new FilterRequest { Inputs = [input], Output = corpus.Output, Blocklist = corpus.Blocklist, MinTerms = 1, TagOnly = true });
        File.Delete(corpus.Blocklist);

        var rebuilt = Run(new FilterRequest { FromSidecar = corpus.Output, Output = Path.Combine(corpus.Root, "k3"), MinTerms = 3 });

        Assert.Equal(3, tagged.Totals.Removed);
        Assert.Equal(1, rebuilt.Totals.Removed);
        Assert.Contains("anthrax", TestCorpus.ReadZstd(Path.Combine(corpus.Root, "k3", "removed", "r.jsonl.zst")), StringComparison.Ordinal);
        Assert.False(Directory.EnumerateFiles(Path.Combine(corpus.Output, "kept")).Any());
    }

    [Fact]
    public void RunAsync_SecondRunWithDoneMarkers_ResumesWithoutReprocessing()
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("a.jsonl", TestCorpus.Documents(100));
        var request = new FilterRequest { Inputs = [input], Output = corpus.Output, Blocklist = corpus.Blocklist };
        Run(request);

        var again = Run(request);

        Assert.Equal(1, again.Ranks[0].ShardsResumed);
        Assert.Equal(100, again.Totals.DocumentsIn);
    }

    [Fact]
    public void Create_SpecAndBlocklistTogether_ReportsEveryError()
    {
        using var corpus = new TestCorpus();
        var spec = corpus.Write("spec.yaml", "stages:\n  - name: a\n    blocklist: missing.tsv\n    minTerms: 0\n");

        var ex = Assert.Throws<FilterConfigurationException>(() => FilterJobFactory.Create(
            new FilterRequest { Inputs = ["x"], Output = corpus.Output, Spec = spec, Blocklist = corpus.Blocklist }, _ => null));

        Assert.Contains(ex.Errors, e => e.StartsWith("--spec:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("stages[0].minTerms", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("stages[0].blocklist", StringComparison.Ordinal));
    }

    [Fact]
    public void RunAsync_GzipOutput_WritesReadableGzip()
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("g.jsonl", TestCorpus.Documents(50));

        Run(new FilterRequest { Inputs = [input], Output = corpus.Output, Blocklist = corpus.Blocklist, Compression = CompressionKind.Gzip });

        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(corpus.Output, "kept", "g.jsonl.gz")), System.IO.Compression.CompressionMode.Decompress);
        Assert.StartsWith("{\"id\":\"doc-0\"", new StreamReader(gz).ReadToEnd(), StringComparison.Ordinal);
    }
}
