namespace Tiergate.Safeguards.Classification;

/// <summary>Receives the bucket of every feature <see cref="FeatureHasher"/> extracts.</summary>
internal interface IFeatureSink
{
    void OnFeature(int bucket);
}
