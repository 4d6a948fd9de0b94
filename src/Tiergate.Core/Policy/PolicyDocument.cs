namespace Tiergate.Core.Policy;

/// <summary>A validated policy: variants, acceptable use policies and tiers. Immutable.</summary>
public sealed class PolicyDocument
{
    public PolicyDocument(
        IReadOnlyList<VariantConfig> variants,
        IReadOnlyList<AcceptableUsePolicy> policies,
        IReadOnlyList<TierConfig> tiers,
        GatewaySettings gateway,
        SafeguardsSettings? safeguards = null)
    {
        Safeguards = safeguards ?? SafeguardsSettings.Default;
        Variants = variants;
        Policies = policies;
        Tiers = tiers;
        Gateway = gateway;
        VariantsByName = variants.ToDictionary(v => v.Name, StringComparer.Ordinal);
        TiersByName = tiers.ToDictionary(t => t.Name, StringComparer.Ordinal);
        PoliciesById = policies.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<VariantConfig> Variants { get; }

    public IReadOnlyList<AcceptableUsePolicy> Policies { get; }

    public IReadOnlyList<TierConfig> Tiers { get; }

    public GatewaySettings Gateway { get; }

    public SafeguardsSettings Safeguards { get; }

    public IReadOnlyDictionary<string, VariantConfig> VariantsByName { get; }

    public IReadOnlyDictionary<string, TierConfig> TiersByName { get; }

    public IReadOnlyDictionary<string, AcceptableUsePolicy> PoliciesById { get; }
}
