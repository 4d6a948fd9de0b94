namespace Tiergate.Safeguards.Matching;

/// <summary>Per-category distinct-term counts and weights, as the keyword stage reads them.</summary>
internal interface ICategoryCounts
{
    int DistinctInCategory(int categoryIndex);

    double WeightInCategory(int categoryIndex);
}
