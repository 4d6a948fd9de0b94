using Tiergate.Monitoring.Similarity;

namespace Tiergate.Monitoring.Detectors.State;

/// <summary>A prompt's sketch and when it was seen; for a blocked prompt, how many variations of it followed.</summary>
public sealed class TimedSketch(PromptSketch sketch, DateTimeOffset at)
{
    public PromptSketch Sketch { get; } = sketch;

    public DateTimeOffset At { get; } = at;

    public int Variations { get; set; }
}
