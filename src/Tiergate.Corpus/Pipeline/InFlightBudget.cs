namespace Tiergate.Corpus.Pipeline;

/// <summary>
/// Caps the memory of the batches between the reader and the ordered writer (queued, being tagged,
/// or tagged and waiting for an earlier batch), so a slow batch cannot let the others pile up.
/// The reader acquires a batch's buffer size before handing it on; the writer releases it once the
/// batch's outputs are written. A batch larger than the whole budget waits until nothing else is
/// in flight, then goes alone.
/// </summary>
internal sealed class InFlightBudget(long capacity)
{
    private readonly object _gate = new();
    private long _used;

    /// <summary>
    /// The budget for <paramref name="workers"/> workers: as many normal batches (buffers of twice
    /// the batch size, as the pool rounds them) as fill the input queue (2 per worker), the workers and
    /// the writer, as before there was a budget.
    /// </summary>
    public static long BytesFor(int workers, int batchBytes) => ((3L * workers) + 1) * 2L * batchBytes;

    public long Capacity => capacity;

    /// <summary>Blocks until <paramref name="bytes"/> fit (polling <paramref name="cancellationToken"/> while it waits).</summary>
    public void Acquire(long bytes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            while (_used > 0 && _used + bytes > capacity)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, 50);
            }

            _used += bytes;
        }
    }

    public void Release(long bytes)
    {
        lock (_gate)
        {
            _used -= bytes;
            Monitor.PulseAll(_gate);
        }
    }
}
