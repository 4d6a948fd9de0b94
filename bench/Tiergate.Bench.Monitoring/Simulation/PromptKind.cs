namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>What kind of text a request's prompt is; the text itself is rendered when the line is written.</summary>
internal enum PromptKind : byte
{
    /// <summary>An ordinary question or task, varied in wording, length and language.</summary>
    Natural,

    /// <summary>A batch job's templated prompt: a fixed instruction around a substantial, varying document.</summary>
    Batch,

    /// <summary>A prompt that touches a hazard category (it gets flagged or blocked).</summary>
    Hazard,

    /// <summary>A rewording of a hazard prompt (same seed), index in <see cref="PromptSpec.B"/>.</summary>
    Rephrase,

    /// <summary>A sweep: one short template with one or two slots changed, item in <see cref="PromptSpec.B"/>.</summary>
    Sweep,
}
