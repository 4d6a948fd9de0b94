namespace Tiergate.Safeguards.Classification;

/// <summary>Sums the weight rows of the features it is given.</summary>
internal ref struct ScoreSink : IFeatureSink
{
    private readonly float[] _weights;
    private readonly Span<float> _sums;
    private readonly int _labels;

    public ScoreSink(float[] weights, Span<float> sums)
    {
        _weights = weights;
        _sums = sums;
        _labels = sums.Length;
    }

    public int Count { get; private set; }

    public void OnFeature(int bucket)
    {
        var row = _weights.AsSpan(bucket * _labels, _labels);
        for (var l = 0; l < row.Length; l++)
        {
            _sums[l] += row[l];
        }

        Count++;
    }
}
