namespace Tiergate.Bench.Monitoring.Simulation;

/// <summary>
/// Enough to render a prompt deterministically at write time (keeping 300,000 prompt strings in memory would cost hundreds of MB).
/// <paramref name="Seed"/> drives the wording; <paramref name="A"/> and <paramref name="B"/> mean what the kind says
/// (template and item for batches and sweeps, category for hazards, rewording index for rephrasings).
/// </summary>
internal readonly record struct PromptSpec(PromptKind Kind, int Seed, int A = 0, int B = 0, byte Script = 0);
