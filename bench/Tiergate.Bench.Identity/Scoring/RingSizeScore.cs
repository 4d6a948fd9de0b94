namespace Tiergate.Bench.Identity.Scoring;

/// <summary>Detection of the strong rings of one size.</summary>
/// <param name="Rings">Rings of this size (as inserted) that share a strong identifier.</param>
/// <param name="PairRecall">Their account pairs put in one cluster, over all their pairs.</param>
/// <param name="AccountRecall">Their accounts clustered with at least one other account of the ring.</param>
/// <param name="Whole">Rings found whole: every account in one cluster.</param>
internal sealed record RingSizeScore(int Size, int Rings, double PairRecall, double AccountRecall, int Whole);
