namespace Tiergate.Core.Policy;

/// <summary>One deployed version of a model.</summary>
public sealed record VariantConfig(
    string Name,
    string? Description,
    UpstreamConfig Upstream,
    MitigationRecord Mitigations,
    Modalities Modalities = Modalities.Text);
