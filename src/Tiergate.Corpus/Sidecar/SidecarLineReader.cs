namespace Tiergate.Corpus.Sidecar;

/// <summary>Reads a sidecar file line by line, in step with the input batches it describes.</summary>
public sealed class SidecarLineReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _eof;

    public SidecarLineReader(string path) =>
        _stream = Formats.CorpusStreams.OpenZstd(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20));

    /// <summary>Reads the next <paramref name="count"/> records into <paramref name="into"/>; throws if the sidecar ends early.</summary>
    public void ReadLines(int count, List<byte[]> into)
    {
        into.Clear();
        while (into.Count < count)
        {
            var nl = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                into.Add(_buffer.AsSpan(_start, nl).ToArray());
                _start += nl + 1;
                continue;
            }

            if (_eof)
            {
                throw new SidecarMismatchException("the sidecar has fewer records than the input has lines; it does not belong to this input");
            }

            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

    private void Fill()
    {
        var live = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, live).CopyTo(_buffer);
            _start = 0;
            _end = live;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += n;
        _eof = n == 0;
    }
}
