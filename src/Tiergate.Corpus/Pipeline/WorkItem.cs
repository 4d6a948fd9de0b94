using Tiergate.Corpus.Formats;

namespace Tiergate.Corpus.Pipeline;

/// <summary>A batch of input lines and, when rebuilding, the sidecar records that describe them.</summary>
internal sealed record WorkItem(LineBatch Batch, List<byte[]>? Sidecar);
