using Tiergate.Monitoring.Similarity;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Server.Events;

/// <summary>Sketches a prompt after the same normalisation screening applies, so obfuscated variants of one prompt sketch alike.</summary>
public static class PromptSketcher
{
    [ThreadStatic]
    private static NormalizedText? t_buffer;

    public static PromptSketch? Of(string prompt)
    {
        var buffer = t_buffer ??= new NormalizedText(4096, trackSourceOffsets: false);
        TextNormalizer.Default.Normalize(prompt, buffer);
        return PromptSketch.Of(buffer.Utf8);
    }
}
