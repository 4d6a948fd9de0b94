namespace Tiergate.Core.Policy;

/// <summary>
/// Reads <c>tiers[].safeguards</c>: per direction, per category, either an action
/// (<c>bio: flag</c>) or a mapping (<c>bio: { action: flag, threshold: 0.8 }</c>).
/// </summary>
internal static class SafeguardProfileReader
{
    private static readonly Dictionary<string, SafeguardAction> Actions = new()
    {
        ["block"] = SafeguardAction.Block,
        ["flag"] = SafeguardAction.Flag,
        ["allow"] = SafeguardAction.Allow,
    };

    public static SafeguardProfile Read(YamlFields tier)
    {
        var s = tier.Nested("safeguards");
        if (!s.Exists)
        {
            return SafeguardProfile.Strict;
        }

        var profile = new SafeguardProfile(Direction(s.Nested("input")), Direction(s.Nested("output"))) { Guard = Guard(s.Nested("guard")) };
        s.RejectUnknownKeys();
        return profile;
    }

    private static Dictionary<string, CategoryRule> Direction(YamlFields direction)
    {
        var rules = new Dictionary<string, CategoryRule>(StringComparer.Ordinal);
        foreach (var category in direction.Keys())
        {
            if (!IsCategory(category))
            {
                direction.Error(direction.Child(category), "a category is lowercase letters, digits, '-' or '_'", direction.Node(category));
                continue;
            }

            if (direction.Node(category) is YamlDotNet.RepresentationModel.YamlScalarNode)
            {
                if (direction.Enum(category, Actions) is { } action)
                {
                    rules[category] = new CategoryRule(action, CategoryRule.DefaultThreshold);
                }

                continue;
            }

            var rule = direction.Nested(category);
            var ruleAction = rule.Enum("action", Actions);
            if (ruleAction is null)
            {
                rule.Error(rule.Child("action"), "is required (block, flag or allow)", null);
            }

            var threshold = rule.Double("threshold", 0, 1) ?? CategoryRule.DefaultThreshold;
            rule.RejectUnknownKeys();
            if (ruleAction is { } a)
            {
                rules[category] = new CategoryRule(a, threshold);
            }
        }

        return rules;
    }

    private static readonly Dictionary<string, bool> FailureModes = new() { ["closed"] = false, ["open"] = true };

    /// <summary><c>guard: { input: NAME, output: NAME, on_failure: closed|open }</c>; names are checked against safeguards.guards later.</summary>
    private static TierGuard Guard(YamlFields g)
    {
        if (!g.Exists)
        {
            return TierGuard.None;
        }

        var guard = new TierGuard(g.String("input"), g.String("output"), g.Enum("on_failure", FailureModes) ?? false);
        g.RejectUnknownKeys();
        return guard;
    }

    private static bool IsCategory(string name) =>
        name.Length is > 0 and <= 32 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
}
