namespace Tiergate.Corpus.Spec;

/// <summary>
/// A filter spec (YAML or JSON): the cascade's stages in order, and optionally the text and id
/// fields. A document is removed by the first stage that removes it.
/// </summary>
public sealed class FilterSpec
{
    public string? TextField { get; set; }

    public string? IdField { get; set; }

    public List<StageSpec> Stages { get; set; } = [];
}
