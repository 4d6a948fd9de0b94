using System.CommandLine;
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
    }

    [Fact]
    public void Invoke_MergeReportOnEmptyDirectory_ExitsTwo()
    {
        using var corpus = new TestCorpus();

        var code = Invoke(["merge-report", corpus.Root], out _, out var error);

        Assert.Equal(2, code);
        Assert.Contains("no rank reports", error, StringComparison.Ordinal);
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
