namespace Tiergate.Safeguards.Rules;

/// <summary>A topic and an intent within the window: the span they cover, its weight, and the two terms.</summary>
internal readonly record struct RulePair(int Hazard, RuleHit Topic, RuleHit Intent, double Weight)
{
    public int StartWord => Math.Min(Topic.StartWord, Intent.StartWord);

    public int EndWord => Math.Max(Topic.EndWord, Intent.EndWord);

    public int StartChar => Math.Min(Topic.StartChar, Intent.StartChar);

    public int EndChar => Math.Max(Topic.EndChar, Intent.EndChar);
}
