namespace Tiergate.Safeguards.Guards;

/// <summary>
/// What a guard model answered, mapped to Tiergate's categories. <see cref="Labels"/> keeps the guard's own
/// labels (<c>S9</c>, <c>illicit/violent</c>, <c>bio</c>) and <see cref="Summary"/> its answer in short
/// (<c>unsafe S9</c>): evidence, never the judged text.
/// </summary>
/// <param name="Categories">Each flagged Tiergate category with its score (1 where the guard gives none) and the guard labels behind it.</param>
public sealed record GuardVerdict(bool Flagged, IReadOnlyList<GuardCategory> Categories, IReadOnlyList<string> Labels, string Summary)
{
    public static GuardVerdict Safe(string summary) => new(false, [], [], summary);
}
