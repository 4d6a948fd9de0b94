using System.CommandLine;
using Tiergate.Corpus;
using Tiergate.Commands;
using Tiergate.Testing.Corpus;

namespace Tiergate.Corpus.Tests;

public sealed class FilterCommandTests
{
    [Fact]
    public void Invoke_ValidArguments_WritesReportAndExitsZero()
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("c.jsonl", "{\"text\":\"ricin and sarin\"}\n{\"text\":\"bread\"}\n");

        var code = Invoke(["--input", input, "--output", corpus.Output, "--blocklist", corpus.Blocklist, "--min-terms", "2"], out _, out _);

        Assert.Equal(0, code);
        Assert.True(File.Exists(Path.Combine(corpus.Output, "report.json")));
        Assert.True(File.Exists(Path.Combine(corpus.Output, "report.html")));
    }

    [Fact]
    public void Invoke_RankWithoutWorldSize_ExitsTwoWithMessage()
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("c.jsonl", "{\"text\":\"x\"}\n");

        var code = Invoke(["--input", input, "--output", corpus.Output, "--blocklist", corpus.Blocklist, "--rank", "3"], out _, out var error);

        Assert.Equal(2, code);
        Assert.Contains("--world-size", error, StringComparison.Ordinal);
        Assert.StartsWith($"error {FilterErrorCodes.InvalidOptions.Id} (invalid_filter_options): ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_MergeReportOnEmptyDirectory_ExitsTwo()
    {
        using var corpus = new TestCorpus();

        var code = Invoke(["merge-report", corpus.Root], out _, out var error);

        Assert.Equal(2, code);
        Assert.Contains("no rank reports", error, StringComparison.Ordinal);
        Assert.StartsWith($"error {FilterErrorCodes.NoRankReports.Id} (no_rank_reports): ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_InputMissing_ExitsTwoWithInvalidInputCode()
    {
        using var corpus = new TestCorpus();

        var code = Invoke(["--input", Path.Combine(corpus.Root, "absent.jsonl"), "--output", corpus.Output, "--blocklist", corpus.Blocklist], out _, out var error);

        Assert.Equal(FilterErrorCodes.InvalidInput.ExitCode, code);
        Assert.StartsWith($"error {FilterErrorCodes.InvalidInput.Id} (invalid_input): --input ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_RebuildAfterInputGrew_ExitsWithSidecarMismatchCode()
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("c.jsonl", "{\"text\":\"ricin\"}\n{\"text\":\"bread\"}\n");
        Assert.Equal(0, Invoke(["--input", input, "--output", corpus.Output, "--blocklist", corpus.Blocklist, "--tag-only"], out _, out _));
        File.AppendAllText(input, "{\"text\":\"sarin\"}\n");

        var code = Invoke(["rebuild", "--from", corpus.Output, "--output", Path.Combine(corpus.Root, "rebuilt"), "--min-terms", "1"], out _, out var error);

        Assert.Equal(FilterErrorCodes.SidecarMismatch.ExitCode, code);
        Assert.StartsWith($"error {FilterErrorCodes.SidecarMismatch.Id} (sidecar_mismatch): ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_MaxLineBytes_LongerLineReportedAndRunSucceeds()
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("c.jsonl", "{\"text\":\"" + new string('x', 200) + "\"}\n{\"text\":\"ricin and sarin\"}\n");

        var code = Invoke(["--input", input, "--output", corpus.Output, "--blocklist", corpus.Blocklist, "--min-terms", "2", "--max-line-bytes", "100"], out var output, out _);

        Assert.Equal(0, code);
        Assert.Contains("2 documents, 0 kept, 1 removed, 1 invalid", output, StringComparison.Ordinal);
        Assert.Contains("\"line-too-long\"", File.ReadAllText(Path.Combine(corpus.Output, "report.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("536870913")]
    public void Invoke_MaxLineBytesOutOfRange_ExitsTwoWithInvalidOptions(string value)
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("c.jsonl", "{\"text\":\"x\"}\n");

        var code = Invoke(["--input", input, "--output", corpus.Output, "--blocklist", corpus.Blocklist, "--max-line-bytes", value], out _, out var error);

        Assert.Equal(FilterErrorCodes.InvalidOptions.ExitCode, code);
        Assert.StartsWith($"error {FilterErrorCodes.InvalidOptions.Id} (invalid_filter_options): --max-line-bytes: ", error, StringComparison.Ordinal);
    }

    private static int Invoke(string[] args, out string output, out string error)
    {
        var outWriter = new StringWriter();
        var errWriter = new StringWriter();
        var parse = FilterCommand.Create().Parse(args);
        var code = parse.Invoke(new InvocationConfiguration { Output = outWriter, Error = errWriter });
        output = outWriter.ToString();
        error = errWriter.ToString();
        return code;
    }
}
