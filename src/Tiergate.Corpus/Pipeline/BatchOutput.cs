using Tiergate.Corpus.Formats;

namespace Tiergate.Corpus.Pipeline;

/// <summary>A processed batch, ready for the ordered writer: one encoded chunk per output file.</summary>
internal sealed record BatchOutput(
    long Sequence,
    PooledBytes Kept,
    PooledBytes Removed,
    PooledBytes Invalid,
    PooledBytes Sidecar,
    long BytesIn,
    int Lines)
{
    public void Return()
    {
        Kept.Return();
        Removed.Return();
        Invalid.Return();
        Sidecar.Return();
    }
}
