using System.Text;
using Tiergate.Corpus.Formats;

namespace Tiergate.Corpus.Tests;

public sealed class ZstdStreamTests
{
    private static byte[] Sample(int lines) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, lines).Select(i => $"{{\"id\":{i},\"text\":\"line {i} of the sample\"}}\n")));

    private static byte[] EncodeFrames(params byte[][] parts)
    {
        using var encoder = new FrameEncoder(CompressionKind.Zstd, 3);
        var output = new MemoryStream();
        foreach (var part in parts)
        {
            var frame = encoder.Encode(part);
            output.Write(frame.Span);
            frame.Return();
        }

        return output.ToArray();
    }

    private static byte[] Decode(byte[] compressed)
    {
        using var stream = CorpusStreams.OpenZstd(new MemoryStream(compressed));
        var output = new MemoryStream();
        stream.CopyTo(output, 4096);
        return output.ToArray();
    }

    [Fact]
    public void OpenZstd_ConcatenatedFrames_RoundTrips()
    {
        var a = Sample(2000);
        var b = Sample(10);

        var decoded = Decode(EncodeFrames(a, b));

        Assert.Equal([.. a, .. b], decoded);
    }

    [Fact]
    public void OpenZstd_ManagedEncoderOutput_Decodes()
    {
        var data = Sample(3000);
        using var compressor = new ZstdSharp.Compressor(3);

        Assert.Equal(data, Decode(compressor.Wrap(data).ToArray()));
    }

    [Fact]
    public void OpenZstd_TruncatedInput_Throws()
    {
        var compressed = EncodeFrames(Sample(5000));

        var error = Assert.ThrowsAny<Exception>(() => Decode(compressed[..(compressed.Length / 2)]));

        // Native libzstd raises InvalidDataException; the ZstdSharp fallback (TIERGATE_ZSTD=managed) EndOfStreamException; the reader catches both.
        Assert.True(error is InvalidDataException or IOException or ZstdSharp.ZstdException, error.GetType().Name);
    }

    [Fact]
    public void OpenZstd_CorruptInput_ThrowsInvalidData()
    {
        var compressed = EncodeFrames(Sample(5000));
        compressed[0] ^= 0xFF; // breaks the frame magic number

        Assert.ThrowsAny<Exception>(() => Decode(compressed));
    }
}
