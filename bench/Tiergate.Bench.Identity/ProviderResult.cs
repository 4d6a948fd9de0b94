using Tiergate.Bench.Identity.Scoring;

namespace Tiergate.Bench.Identity;

/// <summary>One provider's load, clustering and scores (<see cref="Possible"/> is null where not scored: see <see cref="Storage.BenchDatabase.ScoresListings"/>).</summary>
internal sealed record ProviderResult(
    string Provider, double PrepareSeconds, double LoadSeconds, double RebuildSeconds, int IdentifierRows,
    IReadOnlyDictionary<string, int> Refused, ClusterScore Clusters, PossibleScore? Possible);
