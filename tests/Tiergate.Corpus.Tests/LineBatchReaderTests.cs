using System.Text;
using Tiergate.Corpus.Formats;

namespace Tiergate.Corpus.Tests;

public sealed class LineBatchReaderTests
{
    [Fact]
    public void Next_RandomLinesAroundTheMaximum_SameLinesAsASplitAndLongOnesSkippedWithTheirOffsets()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var random = new Random(seed);
            var max = 1 + random.Next(40);
            var batch = 1 + random.Next(64);
            var lines = Enumerable.Range(0, random.Next(30)).Select(_ => new string((char)('a' + random.Next(26)), random.Next(2 * max + 2))).ToList();
            var text = string.Join('\n', lines) + (random.Next(2) == 0 ? "\n" : string.Empty);
            var expected = Split(text);

            var actual = ReadAll(new ChunkedStream(Encoding.ASCII.GetBytes(text), random), batch, max);

            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var (offset, line) = expected[i];
                var want = line.Length > max ? (offset, (string?)null, (long)line.Length) : (offset, line, 0L);
                Assert.Equal(want, actual[i]);
            }
        }
    }

    [Fact]
    public void Next_HundredsOfMegabytesOfZerosWithoutNewline_OneSkippedLineAndLittleMemory()
    {
        const long zeros = 300L << 20;
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var batches = ReadAll(new ZeroStream(zeros, tail: "\n{\"text\":\"after\"}\n"u8.ToArray()), 4 << 20, 1 << 20);

        Assert.Equal([(0L, (string?)null, zeros), (zeros + 1, "{\"text\":\"after\"}", 0L)], batches);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 64L << 20, "the line was held in memory");
    }

    [Fact]
    public void Next_ByteRangesAcrossALongLine_EveryLineInExactlyOneRange()
    {
        var text = "{\"a\":1}\n" + new string('x', 5000) + "\n{\"b\":2}\n" + new string('y', 300) + "\n{\"c\":3}";
        var bytes = Encoding.ASCII.GetBytes(text);
        var whole = ReadAll(new MemoryStream(bytes), 64, 1000);

        foreach (var split in new[] { 7, 8, 9, 100, 1000, 4999, 5010, 5020 })
        {
            var parts = new List<(long, string?, long)>();
            for (var start = 0L; start < bytes.Length; start += split)
            {
                var stream = new MemoryStream(bytes);
                stream.Seek(start, SeekOrigin.Begin);
                parts.AddRange(ReadAll(stream, 64, 1000, start, Math.Min(start + split, bytes.Length)));
            }

            Assert.Equal(whole, parts);
        }
    }

    [Fact]
    public void Next_StreamFailsBeforeItsFirstByte_UnreadableWithoutBatches()
    {
        var compressed = new byte[64];
        Array.Fill(compressed, (byte)0x5A);
        using var stream = CorpusStreams.OpenZstd(new MemoryStream(compressed));
        var reader = new LineBatchReader(stream, 0, long.MaxValue, 1024);

        Assert.Null(reader.Next());
        Assert.NotNull(reader.UnreadableError);
    }

    private static List<(long Offset, string Line)> Split(string text)
    {
        var result = new List<(long, string)>();
        var offset = 0;
        while (offset < text.Length)
        {
            var nl = text.IndexOf('\n', offset);
            var end = nl < 0 ? text.Length : nl;
            result.Add((offset, text[offset..end]));
            offset = end + 1;
        }

        return result;
    }

    private static List<(long Offset, string? Line, long TooLong)> ReadAll(Stream stream, int batchBytes, long maxLine, long start = 0, long end = long.MaxValue)
    {
        var reader = new LineBatchReader(stream, start, end, batchBytes, maxLine);
        var result = new List<(long, string?, long)>();
        while (reader.Next() is { } batch)
        {
            using (batch)
            {
                Assert.Null(batch.ReadError);
                for (var i = 0; i < batch.LineCount; i++)
                {
                    result.Add(batch.TooLongLineBytes > 0
                        ? (batch.LineOffset(i), null, batch.TooLongLineBytes)
                        : (batch.LineOffset(i), Encoding.ASCII.GetString(batch.Line(i)), 0L));
                }
            }
        }

        return result;
    }

    /// <summary>Returns short reads of random sizes, as decompressors and pipes do.</summary>
    private sealed class ChunkedStream(byte[] data, Random random) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1 + random.Next(17)));
    }

    /// <summary>A long run of zero bytes made as it is read, then a tail.</summary>
    private sealed class ZeroStream(long zeros, byte[] tail) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => zeros + tail.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, Length - _position);
            var zero = (int)Math.Clamp(zeros - _position, 0, n);
            buffer.AsSpan(offset, zero).Clear();
            for (var i = zero; i < n; i++)
            {
                buffer[offset + i] = tail[_position + i - zeros];
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
