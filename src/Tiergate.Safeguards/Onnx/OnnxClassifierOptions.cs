namespace Tiergate.Safeguards.Onnx;

/// <summary>How to feed a transformer classifier exported to ONNX and read its output.</summary>
public sealed record OnnxClassifierOptions
{
    /// <summary>Label of each output column, in order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    public string InputIdsName { get; init; } = "input_ids";

    /// <summary>Fed (all ones) when the model declares it.</summary>
    public string AttentionMaskName { get; init; } = "attention_mask";

    /// <summary>Fed (all zeros) when the model declares it.</summary>
    public string TokenTypeIdsName { get; init; } = "token_type_ids";

    /// <summary>Output tensor of shape [1, labels]; null means the model's first output.</summary>
    public string? OutputName { get; init; }

    /// <summary>Longest token sequence fed to the model (the text is truncated).</summary>
    public int MaxTokens { get; init; } = 512;

    public OnnxActivation Activation { get; init; } = OnnxActivation.Sigmoid;
}
