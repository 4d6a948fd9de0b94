using System.Text;
using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Screening;

/// <summary>
/// Per-call state of a cascade: the source text, its normalisation (computed once, shared by
/// stages using the same normaliser options), and per-category decisions with evidence.
/// </summary>
public sealed class ScreeningContext
{
    /// <summary>Occurrences stored per screening (the rest are only counted); a session stores as many.</summary>
    internal const int MaxStoredMatches = 1024;

    private readonly Dictionary<string, CategoryState> _states;
    private readonly CategoryState[] _ordered;
    private string? _text;
    private byte[]? _utf8;
    private int _utf8Length;
    private NormalizerOptions? _normalizedWith;
    private NormalizedText? _normalized;

    internal ScreeningContext(IReadOnlyList<string> categories)
    {
        _ordered = categories.Select(c => new CategoryState(c)).ToArray();
        _states = _ordered.ToDictionary(s => s.Category, StringComparer.Ordinal);
    }

    // Made on first use: a session's context never normalises (its streams do), so it skips the 36 KB.
    internal NormalizedText Normalized => _normalized ??= new(4096);

    internal MatchAccumulator Matches { get; } = new(MaxStoredMatches);

    internal IReadOnlyList<CategoryState> States => _ordered;

    /// <summary>The session whose text this context screens, or null when it screens one whole text.</summary>
    internal ScreeningSession? Session { get; private set; }

    /// <summary>The source text as a string (decoded once when the input was UTF-8).</summary>
    public string Text => _text ??= Session is { } session ? session.WholeText() : Encoding.UTF8.GetString(_utf8!, 0, _utf8Length);

    /// <summary>True when <paramref name="category"/> is known and not yet decided by an earlier stage.</summary>
    public bool IsOpen(string category) => _states.TryGetValue(category, out var s) && s.Decision is null;

    /// <summary>True when an earlier stage escalated <paramref name="category"/> (and nobody decided it yet).</summary>
    public bool IsEscalated(string category) => _states.TryGetValue(category, out var s) && s.Decision is null && s.Escalated;

    /// <summary>Normalised UTF-8 of the source text under <paramref name="normalizer"/>, computed once per options.</summary>
    public NormalizedText Normalize(TextNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(normalizer);
        if (!Equals(_normalizedWith, normalizer.Options))
        {
            if (_text is not null)
            {
                normalizer.Normalize(_text.AsSpan(), Normalized);
            }
            else
            {
                normalizer.NormalizeUtf8(_utf8.AsSpan(0, _utf8Length), Normalized);
            }

            _normalizedWith = normalizer.Options;
        }

        return Normalized;
    }

    /// <summary>Records a stage's outcome for an open category.</summary>
    public void Record(string stage, string category, double score, StageOutcome outcome, string detail)
    {
        if (!_states.TryGetValue(category, out var state) || state.Decision is not null)
        {
            return;
        }

        state.Evidence.Add(new StageEvidence(stage, category, score, outcome, detail));
        state.Score = score;
        state.Stage = stage;
        if (outcome == StageOutcome.Escalate)
        {
            state.Escalated = true;
        }
        else
        {
            state.Decision = outcome;
        }
    }

    internal void AddTerm(string category, MatchedTerm term)
    {
        if (_states.TryGetValue(category, out var state))
        {
            state.Terms.Add(term);
        }
    }

    internal void Reset(string? text, ReadOnlySpan<byte> utf8)
    {
        Session = null;
        _text = text;
        _normalizedWith = null;
        if (text is null)
        {
            if (_utf8 is null || _utf8.Length < utf8.Length)
            {
                _utf8 = new byte[Math.Max(utf8.Length, 4096)];
            }

            utf8.CopyTo(_utf8);
            _utf8Length = utf8.Length;
        }

        foreach (var state in _ordered)
        {
            state.Reset();
        }
    }

    /// <summary>Prepares to screen what <paramref name="session"/> holds so far; its stages read the session's streams.</summary>
    internal void Reset(ScreeningSession session)
    {
        Session = session;
        _text = null;
        _normalizedWith = null;
        foreach (var state in _ordered)
        {
            state.Reset();
        }
    }
}
