namespace Tiergate.Safeguards.Rules;

/// <summary>How near an operational-intent term must be to a hazardous topic term to make a rule match, and what a match decides.</summary>
public sealed record IntentRuleOptions
{
    /// <summary>At most this many word boundaries between the two terms (scripts with spaces).</summary>
    public int WindowWords { get; init; } = 12;

    /// <summary>At most this many characters between the two terms (what bounds scripts written without spaces).</summary>
    public int WindowChars { get; init; } = 72;

    /// <summary>A category is flagged here when one undefended match weighs this much (topic weight × intent weight); lighter matches escalate.</summary>
    public double FlagAtWeight { get; init; } = 1.0;

    /// <summary>Term occurrences looked at per text; a hostile text with more is judged on the first ones (bounded work).</summary>
    public int MaxHits { get; init; } = 4096;
}
