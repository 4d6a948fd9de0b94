namespace Tiergate.Safeguards.Guards;

/// <summary>
/// One finding of a guard: the Tiergate categories it may mean (one, or several as Llama Guard's S9 covers
/// bio, chem and radnuc), its score, and the guard's label.
/// </summary>
public sealed record GuardCategory(IReadOnlyList<string> Targets, double Score, string Label);
