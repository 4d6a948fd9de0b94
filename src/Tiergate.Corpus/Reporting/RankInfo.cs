namespace Tiergate.Corpus.Reporting;

/// <summary>What one rank did: its shards and how long it took.</summary>
public sealed record RankInfo(int Rank, int WorldSize, string RankSource, int Shards, int ShardsResumed, double ElapsedSeconds, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);
