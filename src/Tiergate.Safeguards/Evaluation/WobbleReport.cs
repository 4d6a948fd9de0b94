namespace Tiergate.Safeguards.Evaluation;

/// <summary>
/// The outcome of <see cref="WobbleCheck"/>: how many harmful items were checked, how many of them
/// wobble (some harmless change changed their verdict) and every change that did.
/// </summary>
public sealed record WobbleReport(int Checked, int Changes, int Wobbling, IReadOnlyList<WobbleCase> Cases);
