namespace Tiergate.Safeguards.Classification;

/// <summary>Collects feature buckets into a reusable list (training).</summary>
internal readonly struct ListSink : IFeatureSink
{
    private readonly List<int> _features;

    public ListSink(List<int> features) => _features = features;

    public void OnFeature(int bucket) => _features.Add(bucket);
}
