namespace Tiergate.Safeguards.Onnx;

/// <summary>How the model's output logits become probabilities.</summary>
public enum OnnxActivation
{
    /// <summary>Independent sigmoid per label (multi-label).</summary>
    Sigmoid,

    /// <summary>Softmax over the labels (single-label).</summary>
    Softmax,

    /// <summary>The model already outputs probabilities.</summary>
    None,
}
