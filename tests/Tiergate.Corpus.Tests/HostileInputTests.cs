using System.IO.Compression;
using System.Text;
using Parquet;
using Parquet.Schema;
using Tiergate.Corpus.Pipeline;
using Tiergate.Corpus.Reporting;
using Tiergate.Testing.Corpus;

namespace Tiergate.Corpus.Tests;

/// <summary>Files that cannot be read and lines too long to load: reported, counted, never the end of the run (issue 13, point 8).</summary>
public sealed class HostileInputTests
{
    public enum ParquetDamage
    {
        FooterLengthHuge,
        FooterBytesGarbled,
        MagicMissing,
        CutInHalf,
    }

    private static FilterReport Run(FilterRequest request) =>
        new FilterRunner(TimeProvider.System).RunAsync(FilterJobFactory.Create(request, _ => null), null, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData(ParquetDamage.FooterLengthHuge)]
    [InlineData(ParquetDamage.FooterBytesGarbled)]
    [InlineData(ParquetDamage.MagicMissing)]
    [InlineData(ParquetDamage.CutInHalf)]
    public async Task RunAsync_CorruptParquet_UnreadableFileCountedInvalidAndOtherFilesFiltered(ParquetDamage damage)
    {
        using var corpus = new TestCorpus();
        var bytes = await ValidParquetAsync();
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        switch (damage)
        {
            case ParquetDamage.FooterLengthHuge:
                BitConverter.GetBytes(0x7FFF_FFF0).CopyTo(bytes, bytes.Length - 8);
                break;
            case ParquetDamage.FooterBytesGarbled:
                bytes.AsSpan(bytes.Length - 8 - footerLength, footerLength).Fill(0xFF);
                break;
            case ParquetDamage.MagicMissing:
                bytes.AsSpan(0, 4).Clear();
                break;
            case ParquetDamage.CutInHalf:
                bytes = bytes[..(bytes.Length / 2)];
                break;
        }

        var bad = corpus.WriteBytes("in/bad.parquet", bytes);
        corpus.Write("in/good.jsonl", "{\"text\":\"ricin and sarin\"}\n{\"text\":\"bread\"}\n");

        var report = Run(new FilterRequest { Inputs = [Path.GetDirectoryName(bad)!], Output = corpus.Output, Blocklist = corpus.Blocklist, MinTerms = 2 });

        var entry = Assert.Single(report.Totals.BadInputs);
        Assert.Equal((BadInputReasons.UnreadableFile, "bad.parquet"), (entry.Reason, entry.File));
        Assert.False(string.IsNullOrEmpty(entry.Detail));
        Assert.Equal(1, report.Totals.InvalidByReason[BadInputReasons.UnreadableFile]);
        Assert.Equal(1, report.Totals.Invalid);
        Assert.Equal(1, report.Totals.Files["bad.parquet"].Invalid);
        Assert.Equal((2L, 1L, 1L), (report.Totals.Files["good.jsonl"].Documents, report.Totals.Files["good.jsonl"].Kept, report.Totals.Files["good.jsonl"].Removed));
        Assert.Equal(report.Totals.DocumentsIn, report.Totals.Kept + report.Totals.Removed + report.Totals.Invalid);
        Assert.False(File.Exists(Path.Combine(corpus.Output, "kept", "bad.parquet")));
    }

    [Fact]
    public void RunAsync_TruncatedGzip_ReportsTruncationAndKeepsEarlierDocuments()
    {
        using var corpus = new TestCorpus();
        var whole = Gzip(TestCorpus.Documents(5000));
        var cut = corpus.WriteBytes("cut.jsonl.gz", whole[..(whole.Length / 2)]);

        var report = Run(new FilterRequest { Inputs = [cut], Output = corpus.Output, Blocklist = corpus.Blocklist });

        Assert.True(report.Totals.DocumentsIn > 100);
        Assert.Equal(1, report.Totals.InvalidByReason[BadInputReasons.TruncatedInput]);
        Assert.Contains(report.Totals.BadInputs, b => b.Reason == BadInputReasons.TruncatedInput && b.File == "cut.jsonl.gz" && b.Line > 100);
    }

    [Theory]
    [InlineData("head.jsonl.gz", 6)] // gzip cut inside its header: not one byte decodes
    [InlineData("magic.jsonl.zst", 0)] // zstd with a bad magic number
    [InlineData("magic.jsonl.gz", 0)] // gzip with a bad magic number
    [InlineData("empty.jsonl.gz", -1)] // no bytes at all
    public void RunAsync_CompressedFileWithNothingReadable_UnreadableFileAndRunContinues(string name, int keep)
    {
        using var corpus = new TestCorpus();
        var bytes = keep switch
        {
            > 0 => Gzip(TestCorpus.Documents(50))[..keep],
            0 => Encoding.ASCII.GetBytes(new string('Z', 4096)),
            _ => [],
        };
        corpus.WriteBytes("in/" + name, bytes);
        corpus.Write("in/ok.jsonl", TestCorpus.Documents(20));

        var report = Run(new FilterRequest { Inputs = [Path.Combine(corpus.Root, "in")], Output = corpus.Output, Blocklist = corpus.Blocklist });

        var entry = Assert.Single(report.Totals.BadInputs);
        Assert.Equal((BadInputReasons.UnreadableFile, name), (entry.Reason, entry.File));
        Assert.Equal(1, report.Totals.Invalid);
        Assert.Equal(20, report.Totals.Files["ok.jsonl"].Documents);
    }

    [Fact]
    public void RunAsync_DanglingLinkAndLinkToADirectory_DanglingLinkUnreadableDirectorySearchedRunContinues()
    {
        using var corpus = new TestCorpus();
        var input = Path.Combine(corpus.Root, "in");
        corpus.Write("in/ok.jsonl", TestCorpus.Documents(20));
        Directory.CreateDirectory(Path.Combine(corpus.Root, "elsewhere"));
        File.CreateSymbolicLink(Path.Combine(input, "gone.jsonl"), Path.Combine(corpus.Root, "missing.jsonl"));
        File.CreateSymbolicLink(Path.Combine(input, "dir.jsonl.zst"), Path.Combine(corpus.Root, "elsewhere"));

        var report = Run(new FilterRequest { Inputs = [input], Output = corpus.Output, Blocklist = corpus.Blocklist });

        var entry = Assert.Single(report.Totals.BadInputs); // the link named dir.jsonl.zst is a directory: searched, never opened as a file
        Assert.Equal((BadInputReasons.UnreadableFile, "gone.jsonl"), (entry.Reason, entry.File));
        Assert.Equal(1, report.Totals.Invalid);
        Assert.Equal(20, report.Totals.Files["ok.jsonl"].Documents);
    }

    [Fact]
    public async Task RunAsync_FifoAmongInputs_UnreadableFileInsteadOfWaitingForAWriter()
    {
        using var corpus = new TestCorpus();
        corpus.Write("in/ok.jsonl", TestCorpus.Documents(20));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(corpus.Root, "in", "pipe.jsonl")))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var run = Task.Run(() => Run(new FilterRequest { Inputs = [Path.Combine(corpus.Root, "in")], Output = corpus.Output, Blocklist = corpus.Blocklist }));
        var report = await run.WaitAsync(TimeSpan.FromSeconds(60));

        var entry = Assert.Single(report.Totals.BadInputs);
        Assert.Equal((BadInputReasons.UnreadableFile, "pipe.jsonl"), (entry.Reason, entry.File));
        Assert.Contains("not a regular file", entry.Detail, StringComparison.Ordinal);
        Assert.Equal(20, report.Totals.Files["ok.jsonl"].Documents);
    }

    [Theory]
    [InlineData("long.jsonl")]
    [InlineData("long.jsonl.zst")]
    public void RunAsync_LineOverTheMaximum_ReportedWithFileAndLineSkippedAndLaterLinesFiltered(string name)
    {
        using var corpus = new TestCorpus();
        var path = Path.Combine(corpus.Root, name);
        using (var file = File.Create(path))
        using (var output = name.EndsWith(".zst", StringComparison.Ordinal) ? new ZstdSharp.CompressionStream(file, 3) : (Stream)file)
        {
            output.Write("{\"text\":\"bread\"}\nnot json at all\n{\"text\":\"ricin and sarin, "u8);
            var filler = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("anthrax ", 8192))); // 64 KB
            for (var i = 0; i < 48; i++)
            {
                output.Write(filler); // a 3 MB document, written as it is made
            }

            output.Write("\"}\n{\"text\":\"ricin and sarin\"}\n{\"text\":\"water\"}\n"u8);
        }

        var report = Run(new FilterRequest { Inputs = [path], Output = corpus.Output, Blocklist = corpus.Blocklist, MinTerms = 2, MaxLineBytes = 1 << 20 });

        Assert.Equal(
            [(2L, BadInputReasons.MalformedJson), (3L, BadInputReasons.LineTooLong)],
            report.Totals.BadInputs.Select(b => (b.Line, b.Reason)).ToArray());
        var tooLong = report.Totals.BadInputs[1];
        Assert.Equal(name, tooLong.File);
        const long longLine = 26 + (48 * 65536) + 2;
        Assert.StartsWith($"{longLine} bytes,", tooLong.Detail, StringComparison.Ordinal);
        Assert.Equal((5L, 2L, 1L, 2L), (report.Totals.DocumentsIn, report.Totals.Kept, report.Totals.Removed, report.Totals.Invalid));
        Assert.Equal(59 + (48 * 65536) + 47, report.Totals.BytesIn);
        Assert.Equal("{\"text\":\"ricin and sarin\"}\n", TestCorpus.ReadZstd(Path.Combine(corpus.Output, "removed", "long.jsonl.zst")));
        Assert.Equal("not json at all\n", TestCorpus.ReadZstd(Path.Combine(corpus.Output, "invalid", "long.jsonl.zst")));
    }

    [Fact]
    public void RunAsync_RebuildAfterALineTooLong_SidecarStaysInStep()
    {
        using var corpus = new TestCorpus();
        var input = corpus.Write("r.jsonl", "{\"text\":\"ricin\"}\n{\"text\":\"" + new string('x', 5000) + "\"}\n{\"text\":\"ricin sarin\"}\n");
        var tagged = Run(new FilterRequest { Inputs = [input], Output = corpus.Output, Blocklist = corpus.Blocklist, MinTerms = 1, TagOnly = true, MaxLineBytes = 1000 });

        var rebuilt = Run(new FilterRequest { FromSidecar = corpus.Output, Output = Path.Combine(corpus.Root, "k2"), MinTerms = 2 });

        Assert.Equal((2L, 1L), (tagged.Totals.Removed, tagged.Totals.Invalid));
        Assert.Equal((1L, 1L, 1L), (rebuilt.Totals.Removed, rebuilt.Totals.Kept, rebuilt.Totals.Invalid));
        Assert.Equal(BadInputReasons.LineTooLong, Assert.Single(rebuilt.Totals.BadInputs).Reason);
    }

    [Fact]
    public void RunAsync_CompressedRunOfZerosWithoutNewline_OneLineTooLongNoCrash()
    {
        using var corpus = new TestCorpus();
        var path = Path.Combine(corpus.Root, "zeros.jsonl.zst");
        const int megabytes = 64;
        using (var file = File.Create(path))
        using (var output = new ZstdSharp.CompressionStream(file, 3))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < megabytes; i++)
            {
                output.Write(zeros);
            }
        }

        var report = Run(new FilterRequest { Inputs = [path], Output = corpus.Output, Blocklist = corpus.Blocklist, MaxLineBytes = 1 << 20 });

        var entry = Assert.Single(report.Totals.BadInputs);
        Assert.Equal((BadInputReasons.LineTooLong, 1L, 0L), (entry.Reason, entry.Line, entry.Offset));
        Assert.StartsWith($"{(long)megabytes << 20} bytes,", entry.Detail, StringComparison.Ordinal);
        Assert.Equal((1L, 1L, (long)megabytes << 20), (report.Totals.DocumentsIn, report.Totals.Invalid, report.Totals.BytesIn));
    }

    [Fact]
    public void Create_MaxLineBytesOutOfRange_InvalidOptions()
    {
        using var corpus = new TestCorpus();

        var ex = Assert.Throws<FilterConfigurationException>(() => FilterJobFactory.Create(
            new FilterRequest { Inputs = ["x"], Output = corpus.Output, Blocklist = corpus.Blocklist, MaxLineBytes = 0 }, _ => null));

        Assert.Equal(FilterErrorCodes.InvalidOptions, ex.Code);
        Assert.Contains(ex.Errors, e => e.StartsWith("--max-line-bytes:", StringComparison.Ordinal));
    }

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static async Task<byte[]> ValidParquetAsync()
    {
        var id = new DataField<string>("id");
        var text = new DataField<string>("text");
        var output = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(id, text), output))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(id, new[] { "a", "b" }, null);
            await group.WriteAsync(text, new[] { "bread", "ricin and sarin" }, null);
            group.CompleteValidate();
        }

        return output.ToArray();
    }
}
