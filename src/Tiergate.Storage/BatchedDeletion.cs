namespace Tiergate.Storage;

/// <summary>
/// Large deletions as many small ones with pauses between, so that each holds SQLite's write lock (which the audit
/// writer, and so the gateway, also needs) for a few milliseconds only and queued writes commit in between.
/// Shared by audit archival and monitoring retention.
/// </summary>
internal static class BatchedDeletion
{
    /// <summary>Rows removed per statement or transaction unless a caller says otherwise.</summary>
    public const int DefaultBatchSize = 1000;

    /// <summary>Pause between two batches unless a caller says otherwise.</summary>
    public static readonly TimeSpan DefaultPause = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Runs <paramref name="batch"/> (one short transaction: it returns how much it removed and whether more is left) until
    /// nothing is left, pausing between batches; returns the sum of what the batches removed.
    /// </summary>
    public static async Task<long> RunAsync(Func<CancellationToken, Task<(long Removed, bool More)>> batch, TimeSpan pause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        long total = 0;
        while (true)
        {
            var (removed, more) = await batch(cancellationToken);
            total += removed;
            if (!more)
            {
                return total;
            }

            await Task.Delay(pause, cancellationToken);
        }
    }

    /// <summary>Runs a delete of at most <paramref name="batchSize"/> rows until one removes fewer; returns the rows removed.</summary>
    public static Task<long> UntilFewerAsync(Func<CancellationToken, Task<int>> deleteBatch, int batchSize, TimeSpan pause, CancellationToken cancellationToken) =>
        RunAsync(async ct =>
        {
            var removed = await deleteBatch(ct);
            return (removed, removed >= batchSize);
        }, pause, cancellationToken);
}
