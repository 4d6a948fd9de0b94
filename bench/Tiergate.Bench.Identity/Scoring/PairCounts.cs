namespace Tiergate.Bench.Identity.Scoring;

/// <summary>Precision and recall from counts; both are 1 when there is nothing to find or nothing was claimed.</summary>
internal readonly record struct PairCounts(long TruePositives, long Predicted, long Actual)
{
    public double Precision => Predicted == 0 ? 1 : (double)TruePositives / Predicted;

    public double Recall => Actual == 0 ? 1 : (double)TruePositives / Actual;

    public static long Pairs(long n) => n * (n - 1) / 2;
}
