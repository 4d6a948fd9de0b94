namespace Tiergate.Corpus.Tagging;

/// <summary>The ordered stages of a filter run, shared by every worker.</summary>
public sealed class Cascade
{
    public Cascade(IReadOnlyList<FilterStage> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        if (stages.Count == 0)
        {
            throw new ArgumentException("A cascade needs at least one stage.", nameof(stages));
        }

        Stages = stages;
    }

    public IReadOnlyList<FilterStage> Stages { get; }

    /// <summary>Creates the per-thread evaluator; one per worker, never shared.</summary>
    public CascadeWorker CreateWorker() => new(this);
}
