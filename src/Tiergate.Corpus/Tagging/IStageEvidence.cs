namespace Tiergate.Corpus.Tagging;

/// <summary>What a document showed each stage: the distinct term ids it matched and the classifier score, if one ran.</summary>
public interface IStageEvidence
{
    ReadOnlySpan<int> Hits(int stage);

    float? Score(int stage);
}
