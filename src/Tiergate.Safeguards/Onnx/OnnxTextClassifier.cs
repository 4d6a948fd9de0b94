using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using Tiergate.Safeguards.Classification;

namespace Tiergate.Safeguards.Onnx;

/// <summary>
/// Adapter for transformer classifiers exported to ONNX: tokenises with a
/// <see cref="Microsoft.ML.Tokenizers.Tokenizer"/> (e.g. <see cref="BertTokenizer"/>), runs ONNX Runtime on
/// CPU, and turns the output logits into per-label probabilities. Thread-safe (ONNX Runtime sessions are).
/// </summary>
public sealed class OnnxTextClassifier : ITextClassifier, IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OnnxClassifierOptions _options;
    private readonly bool _feedMask;
    private readonly bool _feedTypes;
    private readonly string[] _outputNames;

    public OnnxTextClassifier(byte[] model, Tokenizer tokenizer, OnnxClassifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        Tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(model));
        try
        {
            using var sessionOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            _session = new InferenceSession(model, sessionOptions);
        }
        catch (OnnxRuntimeException e)
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidOnnxModel, $"ONNX Runtime rejected the model: {e.Message}", e);
        }

        var inputs = _session.InputMetadata;
        if (!inputs.ContainsKey(options.InputIdsName))
        {
            _session.Dispose();
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidOnnxModel, $"the model has no input '{options.InputIdsName}' (inputs: {string.Join(", ", inputs.Keys)})");
        }

        _feedMask = inputs.ContainsKey(options.AttentionMaskName);
        _feedTypes = inputs.ContainsKey(options.TokenTypeIdsName);
        var output = options.OutputName ?? _session.OutputMetadata.Keys.First();
        if (!_session.OutputMetadata.ContainsKey(output))
        {
            _session.Dispose();
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidOnnxModel, $"the model has no output '{output}'");
        }

        _outputNames = [output];
    }

    public IReadOnlyList<string> Labels => _options.Labels;

    public Tokenizer Tokenizer { get; }

    /// <summary>SHA-256 (lower-case hex) of the ONNX model bytes.</summary>
    public string Sha256 { get; }

    /// <summary>A BERT-style classifier from an ONNX file and a WordPiece <c>vocab.txt</c>.</summary>
    public static OnnxTextClassifier CreateBert(string modelPath, string vocabPath, OnnxClassifierOptions options)
    {
        using var vocab = File.OpenRead(vocabPath);
        return new OnnxTextClassifier(File.ReadAllBytes(modelPath), BertTokenizer.Create(vocab), options);
    }

    public void Score(ReadOnlySpan<char> text, Span<float> probabilities)
    {
        if (probabilities.Length < _options.Labels.Count)
        {
            throw new ArgumentException($"Need room for {_options.Labels.Count} scores.", nameof(probabilities));
        }

        var ids = Tokenizer.EncodeToIds(text, _options.MaxTokens, out _, out _);
        var length = ids.Count;
        var shape = new long[] { 1, length };
        var idData = new long[length];
        for (var i = 0; i < length; i++)
        {
            idData[i] = ids[i];
        }

        var names = new List<string>(3) { _options.InputIdsName };
        var values = new List<OrtValue>(3) { OrtValue.CreateTensorValueFromMemory(idData, shape) };
        try
        {
            if (_feedMask)
            {
                names.Add(_options.AttentionMaskName);
                values.Add(OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, length).ToArray(), shape));
            }

            if (_feedTypes)
            {
                names.Add(_options.TokenTypeIdsName);
                values.Add(OrtValue.CreateTensorValueFromMemory(new long[length], shape));
            }

            using var results = _session.Run(_runOptions, names, values, _outputNames);
            var logits = results[0].GetTensorDataAsSpan<float>();
            if (logits.Length < _options.Labels.Count)
            {
                throw new SafeguardsException(SafeguardsErrorCodes.InvalidOnnxModel, $"the model output has {logits.Length} values for {_options.Labels.Count} labels");
            }

            Activate(logits[.._options.Labels.Count], probabilities[.._options.Labels.Count]);
        }
        finally
        {
            foreach (var value in values)
            {
                value.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }

    private void Activate(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        switch (_options.Activation)
        {
            case OnnxActivation.Sigmoid:
                for (var i = 0; i < logits.Length; i++)
                {
                    probabilities[i] = 1f / (1f + MathF.Exp(-logits[i]));
                }

                break;
            case OnnxActivation.Softmax:
                var max = float.NegativeInfinity;
                foreach (var l in logits)
                {
                    max = MathF.Max(max, l);
                }

                var sum = 0f;
                for (var i = 0; i < logits.Length; i++)
                {
                    probabilities[i] = MathF.Exp(logits[i] - max);
                    sum += probabilities[i];
                }

                for (var i = 0; i < logits.Length; i++)
                {
                    probabilities[i] /= sum;
                }

                break;
            default:
                logits.CopyTo(probabilities);
                break;
        }
    }
}
