namespace Tiergate.Corpus.Tagging;

/// <summary>
/// Per-thread evaluator. Every stage's blocklist is scanned (so the sidecar holds the evidence
/// needed to rebuild with other thresholds), classifiers run only on documents their stage
/// escalates, and the verdict is the first stage that removes the document.
/// </summary>
public sealed class CascadeWorker : IStageEvidence
{
    private readonly Cascade _cascade;
    private readonly TermHits[] _hits;
    private readonly ITermScanSession?[] _sessions;
    private readonly float?[] _scores;

    internal CascadeWorker(Cascade cascade)
    {
        _cascade = cascade;
        _hits = new TermHits[cascade.Stages.Count];
        _scores = new float?[cascade.Stages.Count];
        _sessions = cascade.Stages.Select(s => s.Blocklist?.CreateSession()).ToArray();
        for (var i = 0; i < _hits.Length; i++)
        {
            _hits[i] = new TermHits(cascade.Stages[i].Blocklist?.TermCount ?? 0);
        }
    }

    public IReadOnlyList<FilterStage> Stages => _cascade.Stages;

    public ReadOnlySpan<int> Hits(int stage) => _hits[stage].Distinct;

    public float? Score(int stage) => _scores[stage];

    /// <summary>Evaluates the text; returns the index of the removing stage, or -1 when kept.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int Evaluate(ReadOnlySpan<byte> utf8Text)
    {
        var removedBy = -1;
        var stages = _cascade.Stages;
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var hits = _hits[i];
            hits.Reset();
            _scores[i] = null;
            _sessions[i]?.Scan(utf8Text, hits);
            if (stage.Classifier is not null && stage.Rule.Escalates(hits.DistinctCount))
            {
                _scores[i] = stage.Classifier.Score(utf8Text);
            }

            if (removedBy < 0 && stage.Rule.Removes(hits.DistinctCount, _scores[i]))
            {
                removedBy = i;
            }
        }

        return removedBy;
    }
}
