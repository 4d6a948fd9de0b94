namespace Tiergate.Safeguards.Tests.Onnx;

/// <summary>
/// Builds a tiny "transformer-shaped" text classifier as ONNX bytes: token embedding (Gather),
/// mean pooling over the sequence (ReduceMean), a linear head (MatMul + Add) producing logits [1, labels].
/// Inputs input_ids and attention_mask (int64 [1, seq]); output logits (float [1, labels]).
/// </summary>
internal static class TinyOnnxModel
{
    private const int Float = 1;
    private const int Int64 = 7;

    public static byte[] Build(float[,] embeddings, float[,] weights, float[] bias)
    {
        var vocab = embeddings.GetLength(0);
        var dim = embeddings.GetLength(1);
        var labels = weights.GetLength(1);
        return new ProtoWriter()
            .Varint(1, 7)
            .String(2, "tiergate-tests")
            .Message(8, o => o.String(1, string.Empty).Varint(2, 13))
            .Message(7, g => g
                .Message(1, n => Node(n, "Gather", ["embeddings", "input_ids"], ["embedded"]).Message(5, a => a.String(1, "axis").Varint(3, 0).Varint(20, 2)))
                .Message(1, n => Node(n, "ReduceMean", ["embedded"], ["pooled"])
                    .Message(5, a => a.String(1, "axes").Varint(8, 1).Varint(20, 7))
                    .Message(5, a => a.String(1, "keepdims").Varint(3, 0).Varint(20, 2)))
                .Message(1, n => Node(n, "MatMul", ["pooled", "head_weights"], ["projected"]))
                .Message(1, n => Node(n, "Add", ["projected", "head_bias"], ["logits"]))
                .String(2, "tiny-classifier")
                .Message(5, t => Tensor(t, "embeddings", [vocab, dim], Flatten(embeddings)))
                .Message(5, t => Tensor(t, "head_weights", [dim, labels], Flatten(weights)))
                .Message(5, t => Tensor(t, "head_bias", [labels], bias))
                .Message(11, v => ValueInfo(v, "input_ids", Int64, null))
                .Message(11, v => ValueInfo(v, "attention_mask", Int64, null))
                .Message(12, v => ValueInfo(v, "logits", Float, labels)))
            .ToArray();
    }

    private static ProtoWriter Node(ProtoWriter node, string op, string[] inputs, string[] outputs)
    {
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        return node.String(3, op.ToLowerInvariant()).String(4, op);
    }

    private static void Tensor(ProtoWriter tensor, string name, int[] dims, float[] values)
    {
        foreach (var d in dims)
        {
            tensor.Varint(1, d);
        }

        var raw = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        tensor.Varint(2, Float).String(8, name).Bytes(9, raw);
    }

    private static void ValueInfo(ProtoWriter value, string name, int elementType, int? labels)
    {
        value.String(1, name).Message(2, type => type.Message(1, tensor => tensor
            .Varint(1, elementType)
            .Message(2, shape => shape
                .Message(1, d => d.Varint(1, 1))
                .Message(1, d =>
                {
                    if (labels is { } l)
                    {
                        d.Varint(1, l);
                    }
                    else
                    {
                        d.String(2, "sequence");
                    }
                }))));
    }

    private static float[] Flatten(float[,] matrix) => matrix.Cast<float>().ToArray();
}
