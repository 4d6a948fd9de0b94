namespace Tiergate.Server.Screening;

/// <summary>What a tier's profile makes of one screening: the category that blocks (if any) and those to flag.</summary>
public sealed record ScreeningOutcome(CategoryHit? Block, IReadOnlyList<CategoryHit> Flags)
{
    public static readonly ScreeningOutcome Clean = new(null, []);

    public bool Blocked => Block is not null;

    /// <summary>
    /// The guard that could not judge the text (timeout, error, unreadable answer) on a tier that fails closed:
    /// the prompt is refused, or the answer stopped, with <c>guard_unavailable</c>. Null otherwise.
    /// </summary>
    public string? GuardUnavailable { get; init; }

    private bool IsClean => Block is null && Flags.Count == 0 && GuardUnavailable is null;

    /// <summary>
    /// The outcome of an answer made of several texts (choices, fields): the first block, and each flagged
    /// category once, at its highest score.
    /// </summary>
    public static ScreeningOutcome Merge(ScreeningOutcome first, ScreeningOutcome second)
    {
        if (second.IsClean || ReferenceEquals(first, second))
        {
            return first;
        }

        if (first.IsClean)
        {
            return second;
        }

        var flags = new List<CategoryHit>(first.Flags);
        foreach (var flag in second.Flags)
        {
            var at = flags.FindIndex(f => f.Category == flag.Category);
            if (at < 0)
            {
                flags.Add(flag);
            }
            else if (flag.Score > flags[at].Score)
            {
                flags[at] = flag;
            }
        }

        return new ScreeningOutcome(first.Block ?? second.Block, flags) { GuardUnavailable = first.GuardUnavailable ?? second.GuardUnavailable };
    }
}
