namespace Tiergate.Corpus.Spec;

/// <summary>One stage of a spec file. Paths are relative to the spec file.</summary>
public sealed class StageSpec
{
    public string? Name { get; set; }

    public string? Blocklist { get; set; }

    public int? MinTerms { get; set; }

    public string? Classifier { get; set; }

    public string? Label { get; set; }

    public double? Threshold { get; set; }
}
