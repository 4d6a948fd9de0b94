namespace Tiergate.Safeguards.Screening;

/// <summary>Mutable per-call state of one category while a cascade runs.</summary>
internal sealed class CategoryState
{
    public CategoryState(string category) => Category = category;

    public string Category { get; }

    public StageOutcome? Decision { get; set; }

    public bool Escalated { get; set; }

    public double Score { get; set; }

    public string Stage { get; set; } = "none";

    public List<MatchedTerm> Terms { get; } = [];

    public List<StageEvidence> Evidence { get; } = [];

    public void Reset()
    {
        Decision = null;
        Escalated = false;
        Score = 0;
        Stage = "none";
        Terms.Clear();
        Evidence.Clear();
    }
}
