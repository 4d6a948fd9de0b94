namespace Tiergate.Corpus.Pipeline;

/// <summary>Progress of one rank: input bytes (as stored on disk for whole files) read so far, of the total.</summary>
public readonly record struct FilterProgress(long BytesDone, long BytesTotal, int ShardsDone, int ShardsTotal);
