using System.Text;
using BenchmarkDotNet.Attributes;
using Tiergate.Corpus.Formats;

namespace Tiergate.Benchmarks.Corpus;

/// <summary>
/// The filter's reader cutting 64 MB of decompressed JSONL (~2.3 KB documents, as in bench/corpus)
/// into 4 MB batches of lines, side by side with the floor: one pass of <c>IndexOf('\n')</c> over the
/// same bytes in the same 4 MB reads. Tells whether the line-length guard costs normal lines anything.
/// </summary>
[MemoryDiagnoser]
public class LineBatchReaderBenchmarks
{
    private const int BatchBytes = 4 << 20;
    private byte[] _input = [];
    private readonly byte[] _scratch = new byte[BatchBytes + (BatchBytes / 4)];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var words = Enumerable.Range(0, 2000).Select(_ => new string(Enumerable.Range(0, random.Next(2, 10)).Select(_ => (char)('a' + random.Next(26))).ToArray())).ToArray();
        var text = new StringBuilder(64 << 20);
        for (var i = 0; text.Length < 64 << 20; i++)
        {
            text.Append("{\"id\":\"doc-").Append(i).Append("\",\"text\":\"");
            for (var w = random.Next(200, 500); w > 0; w--)
            {
                text.Append(words[random.Next(words.Length)]).Append(' ');
            }

            text.Append("\"}\n");
        }

        _input = Encoding.ASCII.GetBytes(text.ToString());
    }

    [Benchmark(Baseline = true)]
    public long IndexOfNewline_Floor()
    {
        using var stream = new MemoryStream(_input, writable: false);
        var lines = 0L;
        int n;
        while ((n = stream.Read(_scratch, 0, _scratch.Length)) > 0)
        {
            var span = _scratch.AsSpan(0, n);
            int nl;
            while ((nl = span.IndexOf((byte)'\n')) >= 0)
            {
                lines++;
                span = span[(nl + 1)..];
            }
        }

        return lines;
    }

    [Benchmark]
    public long LineBatchReader_Batches()
    {
        using var stream = new MemoryStream(_input, writable: false);
        var reader = new LineBatchReader(stream, 0, long.MaxValue, BatchBytes);
        var lines = 0L;
        while (reader.Next() is { } batch)
        {
            lines += batch.LineCount;
            batch.Dispose();
        }

        return lines;
    }
}
