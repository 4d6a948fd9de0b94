namespace Tiergate.Core.Policy;

/// <summary>
/// Where the screening engine's term lists and model come from (a directory laid out like
/// <c>samples/safeguards</c>; null for the defaults shipped with Tiergate), and how much answer
/// text a stream holds back so that a blocked term is never partly sent.
/// </summary>
public sealed record SafeguardsSettings(string? Directory, int HoldBackChars)
{
    /// <summary>The guard models tiers may reference (<c>safeguards.guards</c>), by name.</summary>
    public IReadOnlyList<GuardConfig> Guards { get; init; } = [];

    public static readonly SafeguardsSettings Default = new(null, 256);
}
