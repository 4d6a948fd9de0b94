namespace Tiergate.Core.Policy;

/// <summary>
/// A tier's use of guard models (<c>tiers[].safeguards.guard</c>): which declared guard judges prompts and
/// which judges answers (null: none), and what happens while a guard is down. The default is to fail closed,
/// the product's principle: a prompt the guard could not judge is not sent, an answer it could not judge is
/// stopped. A tier may choose to fail open (the local cascade alone decides, and the failure is logged).
/// </summary>
public sealed record TierGuard(string? Input, string? Output, bool FailOpen)
{
    public static readonly TierGuard None = new(null, null, false);

    public string? For(bool output) => output ? Output : Input;
}
