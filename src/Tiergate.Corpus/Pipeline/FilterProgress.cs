namespace Tiergate.Corpus.Pipeline;

/// <summary>
/// Progress of one rank, counted when batches have been filtered and written (not when they are read
/// ahead): <paramref name="BytesDone"/> of <paramref name="BytesTotal"/> are input bytes as stored on
/// disk (compressed for .zst/.gz files), so their ratio is the true fraction done;
/// <paramref name="ProcessedBytes"/> are the uncompressed bytes filtered so far, for a true rate.
/// </summary>
public readonly record struct FilterProgress(long BytesDone, long BytesTotal, int ShardsDone, int ShardsTotal, long ProcessedBytes = 0);
