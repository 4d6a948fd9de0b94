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

    /// <summary>
    /// A directory laid out like <c>samples/safeguards</c>: the stage runs the engine's cascade over the document
    /// (the new stages named in <see cref="Screen"/>, then keywords and classifier) and removes it when the
    /// cascade flags <see cref="Label"/> (any category without a label). Instead of <see cref="Classifier"/>.
    /// </summary>
    public string? Safeguards { get; set; }

    /// <summary>Which of the engine's newer stages run before keywords and classifier: <c>rules</c>, <c>decode</c> (default both).</summary>
    public List<string>? Screen { get; set; }
}
