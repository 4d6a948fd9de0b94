using System.Reflection;

namespace Tiergate.Safeguards;

/// <summary>Stable error codes of the safeguards engine; docs/error-codes.md is generated from this list.</summary>
public static class SafeguardsErrorCodes
{
    public static readonly SafeguardsErrorCode IoError = new("TG3000", "io_error", "A file could not be read or written (I/O).");
    public static readonly SafeguardsErrorCode InvalidTermList = new("TG3001", "invalid_term_list", "Invalid term list (every bad line listed with `file:line`).");
    public static readonly SafeguardsErrorCode InvalidModelFile = new("TG3002", "invalid_model_file", "Invalid or unsupported linear model file.");
    public static readonly SafeguardsErrorCode ModelHashMismatch = new("TG3003", "model_hash_mismatch", "The model file's content does not match its SHA-256 trailer.");
    public static readonly SafeguardsErrorCode InvalidTrainingData = new("TG3004", "invalid_training_data", "Invalid training data (bad JSONL line, wrong field type, no examples or labels).");
    public static readonly SafeguardsErrorCode InvalidOnnxModel = new("TG3005", "invalid_onnx_model", "ONNX model rejected (not loadable, missing input/output, output too small).");
    public static readonly SafeguardsErrorCode InvalidEvalSet = new("TG3010", "invalid_eval_set", "Invalid evaluation set for `safeguards eval` (bad JSONL line, no text or messages, unknown kind or category; every bad line listed with `file:line`).");

    public static IReadOnlyList<SafeguardsErrorCode> All { get; } = typeof(SafeguardsErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(SafeguardsErrorCode))
        .Select(f => (SafeguardsErrorCode)f.GetValue(null)!)
        .ToList();
}
