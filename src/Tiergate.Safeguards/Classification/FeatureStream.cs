namespace Tiergate.Safeguards.Classification;

/// <summary>
/// Sums a <see cref="LinearClassifier"/>'s feature weights over a normalised text that grows at its end, each
/// byte once: character n-grams are added as soon as the bytes they span are known, a word's own features
/// when its end is known, and the feature count (the length normalisation) is kept as an integer. The sums
/// are the same floats <see cref="LinearClassifier.ScoreNormalized"/> computes over the whole text, because
/// <see cref="FeatureHasher"/> gives features in that order. A trial (<see cref="BeginTrial"/> ..
/// <see cref="EndTrial"/>) scores a provisional end and is undone afterwards.
/// </summary>
internal sealed class FeatureStream
{
    private readonly LinearClassifier _model;
    private readonly FeatureOptions _options;
    private readonly ulong _mask;
    private readonly float[] _sums;
    private readonly float[] _savedSums;
    private State _state = new() { WordHash = FeatureHasher.FnvOffset };
    private State? _saved;

    public FeatureStream(LinearClassifier model)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _options = model.Features;
        _mask = (ulong)(_options.Buckets - 1);
        _sums = new float[model.Labels.Count];
        _savedSums = new float[model.Labels.Count];
    }

    /// <summary>Featurises <c>text[processed..end)</c> (bytes past <see cref="FeatureOptions.MaxBytes"/> are ignored); the text goes on.</summary>
    public void Advance(ReadOnlySpan<byte> text, int end)
    {
        end = Math.Min(end, _options.MaxBytes);
        var sink = new ScoreSink(_model.Weights, _sums);
        var i = _state.Processed;
        while (i < end)
        {
            var space = text[i..end].IndexOf((byte)' ');
            var stop = space < 0 ? end : i + space;
            _state.WordHash = FeatureHasher.Fnv(_state.WordHash, text[i..stop]);
            if (_options.CharNgramMin > 0)
            {
                // n-grams starting at p end at p + max - 1 at the latest: known once the word has that many bytes.
                var word = text[_state.WordStart..stop];
                var ready = word.Length + 2 - _options.CharNgramMax;
                if (ready > _state.NextNgram)
                {
                    FeatureHasher.CharNgrams(word, _state.NextNgram, ready, _options.CharNgramMin, _options.CharNgramMax, _mask, ref sink);
                    _state.NextNgram = ready;
                }
            }

            if (space < 0)
            {
                break;
            }

            FinishWord(text, stop, ref sink);
            _state.WordStart = stop + 1;
            i = stop + 1;
        }

        _state.Processed = Math.Max(_state.Processed, end);
        _state.Count += sink.Count;
    }

    /// <summary>The text ends at <paramref name="end"/>: featurises what is left, including the last word.</summary>
    public void Complete(ReadOnlySpan<byte> text, int end)
    {
        Advance(text, end);
        end = Math.Min(end, _options.MaxBytes);
        if (_state.WordStart < end)
        {
            var sink = new ScoreSink(_model.Weights, _sums);
            FinishWord(text, end, ref sink);
            _state.WordStart = end;
            _state.Count += sink.Count;
        }
    }

    /// <summary>Probabilities per label of what has been featurised (call after <see cref="Complete"/>).</summary>
    public void Score(Span<float> probabilities)
    {
        var sums = probabilities[.._sums.Length];
        _sums.CopyTo(sums);
        _model.ToProbabilities(sums, _state.Count);
    }

    public void BeginTrial()
    {
        if (_saved is not null)
        {
            throw new InvalidOperationException("A trial is already open.");
        }

        _saved = _state;
        _sums.CopyTo(_savedSums, 0);
    }

    public void EndTrial()
    {
        _state = _saved ?? throw new InvalidOperationException("No trial is open.");
        _savedSums.CopyTo(_sums, 0);
        _saved = null;
    }

    private void FinishWord(ReadOnlySpan<byte> text, int stop, ref ScoreSink sink)
    {
        var word = text[_state.WordStart..stop];
        if (_options.CharNgramMin > 0)
        {
            FeatureHasher.CharNgrams(word, _state.NextNgram, word.Length + 2, _options.CharNgramMin, _options.CharNgramMax, _mask, ref sink);
        }

        FeatureHasher.WordNgrams(_state.WordHash, _options, _mask, ref _state.Words, ref sink);
        _state.WordHash = FeatureHasher.FnvOffset;
        _state.NextNgram = 0;
    }

    /// <summary>Everything but the sums: where the current word starts, its hash so far, the next n-gram start.</summary>
    private struct State
    {
        public int Processed;
        public int WordStart;
        public ulong WordHash;
        public int NextNgram;
        public int Count;
        public WordHistory Words;
    }
}
