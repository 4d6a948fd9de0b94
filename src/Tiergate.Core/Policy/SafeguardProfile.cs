namespace Tiergate.Core.Policy;

/// <summary>
/// A tier's screening rules per hazard category, for prompts (input) and answers (output).
/// A category the profile does not name is blocked: the default is the strict one.
/// </summary>
public sealed record SafeguardProfile(IReadOnlyDictionary<string, CategoryRule> Input, IReadOnlyDictionary<string, CategoryRule> Output)
{
    /// <summary>The hazard categories of the default term lists and model.</summary>
    public static readonly IReadOnlyList<string> DefaultCategories = ["bio", "chem", "radnuc", "cyber"];

    public static readonly SafeguardProfile Strict = new(new Dictionary<string, CategoryRule>(), new Dictionary<string, CategoryRule>());

    /// <summary>The guard models that judge this tier's prompts and answers beside the local cascade.</summary>
    public TierGuard Guard { get; init; } = TierGuard.None;

    public CategoryRule RuleFor(string category, bool output) =>
        (output ? Output : Input).TryGetValue(category, out var rule) ? rule : CategoryRule.Block;
}
