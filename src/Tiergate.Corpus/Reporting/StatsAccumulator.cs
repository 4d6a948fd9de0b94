using System.Text;
using Tiergate.Corpus.Tagging;

namespace Tiergate.Corpus.Reporting;

/// <summary>
/// Worker-local, allocation-free counters for one shard (arrays indexed by term and category
/// id); converted to a mergeable <see cref="ShardStats"/> when the shard ends.
/// </summary>
public sealed class StatsAccumulator
{
    private readonly IReadOnlyList<StageTable> _stages;
    private readonly string _file;
    private readonly long[][] _termDocs;
    private readonly long[][] _matchedByCategory;
    private readonly long[][] _removedByCategory;
    private readonly int[][] _categoryScratch;
    private readonly long[] _matched;
    private readonly long[] _escalated;
    private readonly long[] _classified;
    private readonly long[] _removed;
    private readonly long[] _escalatedKept;
    private readonly long[][] _scoreHistogram;
    private readonly Dictionary<string, long> _invalidByReason = new(StringComparer.Ordinal);
    private readonly List<BadInputEntry> _bad = [];
    private readonly PriorityQueue<RemovedSample, ulong> _samples = new(Comparer<ulong>.Create((a, b) => b.CompareTo(a)));
    private long _documents;
    private long _kept;
    private long _removedTotal;
    private long _invalid;

    public StatsAccumulator(IReadOnlyList<StageTable> stages, string file)
    {
        _stages = stages;
        _file = file;
        _termDocs = stages.Select(s => new long[s.Terms.Count]).ToArray();
        _matchedByCategory = stages.Select(s => new long[s.CategoryNames.Length]).ToArray();
        _removedByCategory = stages.Select(s => new long[s.CategoryNames.Length + 1]).ToArray();
        _categoryScratch = stages.Select(s => new int[s.CategoryNames.Length]).ToArray();
        _matched = new long[stages.Count];
        _escalated = new long[stages.Count];
        _classified = new long[stages.Count];
        _removed = new long[stages.Count];
        _escalatedKept = new long[stages.Count];
        _scoreHistogram = stages.Select(_ => new long[StageStats.ScoreBuckets]).ToArray();
    }

    public void AddInvalid(string reason, long offset, long lineIndex, string? detail)
    {
        _documents++;
        _invalid++;
        Counts.Add(_invalidByReason, reason);
        if (_bad.Count < ShardStats.MaxBadInputEntries)
        {
            // Line is stored 0-based relative to the shard; the shard rebases it to the file.
            _bad.Add(new BadInputEntry(_file, lineIndex, offset, reason, detail));
        }
    }

    /// <summary>A read failure between lines (the input ended mid-stream at a line boundary); not a document.</summary>
    public void AddReadError(long offset, long lineIndex, string detail)
    {
        Counts.Add(_invalidByReason, BadInputReasons.TruncatedInput);
        if (_bad.Count < ShardStats.MaxBadInputEntries)
        {
            _bad.Add(new BadInputEntry(_file, lineIndex, offset, BadInputReasons.TruncatedInput, detail));
        }
    }

    /// <summary>Counts one tagged document; returns the removal category when removed.</summary>
    // Per document: optimised at once (docs/filtering.md, "No tiering penalty").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public string? AddTagged(IStageEvidence evidence, int removedBy, long offset, ReadOnlySpan<byte> idToken, ReadOnlySpan<byte> text)
    {
        _documents++;
        string? removedCategory = null;
        for (var s = 0; s < _stages.Count; s++)
        {
            var stage = _stages[s];
            var hits = evidence.Hits(s);
            var score = evidence.Score(s);
            var dominant = -1;
            if (hits.Length > 0)
            {
                _matched[s]++;
                var scratch = _categoryScratch[s];
                foreach (var id in hits)
                {
                    _termDocs[s][id]++;
                    scratch[stage.CategoryOfTerm[id]]++;
                }

                for (var c = 0; c < scratch.Length; c++)
                {
                    if (scratch[c] > 0)
                    {
                        _matchedByCategory[s][c]++;
                        if (dominant < 0 || scratch[c] > scratch[dominant])
                        {
                            dominant = c;
                        }

                        scratch[c] = 0;
                    }
                }
            }

            if (stage.Rule.Escalates(hits.Length))
            {
                _escalated[s]++;
                if (score is { } value)
                {
                    _classified[s]++;
                    _scoreHistogram[s][StageStats.ScoreBucket(value)]++;
                }

                if (stage.Rule.HasClassifier && !stage.Rule.Removes(hits.Length, score))
                {
                    _escalatedKept[s]++;
                }
            }

            if (s == removedBy)
            {
                _removed[s]++;
                _removedByCategory[s][dominant < 0 ? stage.CategoryNames.Length : dominant]++;
                removedCategory = dominant < 0 ? stage.FallbackCategory : stage.CategoryNames[dominant];
            }
        }

        if (removedBy < 0)
        {
            _kept++;
            return null;
        }

        _removedTotal++;
        OfferSample(evidence, removedBy, removedCategory!, offset, idToken, text);
        return removedCategory;
    }

    private void OfferSample(IStageEvidence evidence, int removedBy, string category, long offset, ReadOnlySpan<byte> idToken, ReadOnlySpan<byte> text)
    {
        var key = SampleKey(_file, offset);
        if (_samples.Count >= ShardStats.MaxSamples && _samples.TryPeek(out _, out var worst) && key >= worst)
        {
            return;
        }

        var stage = _stages[removedBy];
        var terms = new List<string>();
        foreach (var termId in evidence.Hits(removedBy))
        {
            terms.Add(stage.Terms[termId]);
        }

        var snippet = Encoding.UTF8.GetString(text[..Math.Min(text.Length, 600)]);
        var id = idToken.IsEmpty ? null : Encoding.UTF8.GetString(idToken).Trim('"');
        _samples.Enqueue(new RemovedSample(key, _file, offset, id, stage.Name, category, terms, evidence.Score(removedBy), snippet), key);
        if (_samples.Count > ShardStats.MaxSamples)
        {
            _samples.Dequeue();
        }
    }

    /// <summary>FNV-1a over the file name and offset: stable across runs, ranks and machines.</summary>
    public static ulong SampleKey(string file, long offset)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in file)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        for (var i = 0; i < 8; i++)
        {
            hash = (hash ^ (byte)(offset >> (i * 8))) * 1099511628211UL;
        }

        return hash;
    }

    public ShardStats ToStats()
    {
        var stats = new ShardStats
        {
            DocumentsIn = _documents,
            Kept = _kept,
            Removed = _removedTotal,
            Invalid = _invalid,
            InvalidByReason = new Dictionary<string, long>(_invalidByReason, StringComparer.Ordinal),
            BadInputs = [.. _bad],
            Samples = [.. _samples.UnorderedItems.Select(x => x.Element).OrderBy(x => x.SampleKey)],
        };
        for (var s = 0; s < _stages.Count; s++)
        {
            var table = _stages[s];
            var stage = stats.StageFor(table.Name);
            stage.Matched = _matched[s];
            stage.Escalated = _escalated[s];
            stage.Classified = _classified[s];
            stage.Removed = _removed[s];
            stage.EscalatedKept = _escalatedKept[s];
            stage.ScoreHistogram = _classified[s] > 0 ? (long[])_scoreHistogram[s].Clone() : [];
            for (var t = 0; t < _termDocs[s].Length; t++)
            {
                if (_termDocs[s][t] > 0)
                {
                    Counts.Add(stage.TermDocuments, table.Terms[t], _termDocs[s][t]);
                }
            }

            for (var c = 0; c <= table.CategoryNames.Length; c++)
            {
                var name = c < table.CategoryNames.Length ? table.CategoryNames[c] : table.FallbackCategory;
                if (c < table.CategoryNames.Length && _matchedByCategory[s][c] > 0)
                {
                    Counts.Add(stage.MatchedByCategory, name, _matchedByCategory[s][c]);
                }

                if (_removedByCategory[s][c] > 0)
                {
                    Counts.Add(stage.RemovedByCategory, name, _removedByCategory[s][c]);
                    Counts.Add(stats.RemovedByCategory, name, _removedByCategory[s][c]);
                }
            }
        }

        return stats;
    }
}
