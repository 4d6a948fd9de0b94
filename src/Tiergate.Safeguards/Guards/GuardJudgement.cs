namespace Tiergate.Safeguards.Guards;

/// <summary>
/// The result of asking a guard once: its <see cref="Verdict"/>, or the <see cref="Failure"/> that kept it from
/// answering (<c>timeout</c>, <c>http 503</c>, <c>unreadable answer</c>, <c>unreachable</c>), never both.
/// </summary>
public sealed record GuardJudgement(string Guard, GuardVerdict? Verdict, string? Failure, bool FromCache, TimeSpan Elapsed)
{
    public bool Available => Verdict is not null;
}
