namespace Tiergate.Server.Moderation;

/// <summary>
/// OpenAI's moderation categories (omni-moderation), and which of Tiergate's categories stand behind each.
/// Weapons of mass harm (bio, chem, radnuc) are <c>illicit/violent</c> ("instructions for wrongdoing that also
/// involves violence or weapons") and <c>illicit</c>; cyber is <c>illicit</c>. Categories a guard model adds
/// map where OpenAI has the same idea (<c>hate</c>, <c>self-harm</c>, <c>child-exploitation</c> as
/// <c>sexual/minors</c>, ...). A category's score is the highest of its Tiergate categories'.
/// </summary>
public static class OpenAiCategories
{
    public static readonly IReadOnlyList<string> Names =
    [
        "harassment", "harassment/threatening", "hate", "hate/threatening", "illicit", "illicit/violent",
        "self-harm", "self-harm/intent", "self-harm/instructions", "sexual", "sexual/minors", "violence", "violence/graphic",
    ];

    private static readonly Dictionary<string, string[]> FromTiergate = new(StringComparer.Ordinal)
    {
        ["bio"] = ["illicit", "illicit/violent"],
        ["chem"] = ["illicit", "illicit/violent"],
        ["radnuc"] = ["illicit", "illicit/violent"],
        ["cyber"] = ["illicit"],
        ["violent-crimes"] = ["violence", "illicit/violent"],
        ["non-violent-crimes"] = ["illicit"],
        ["sex-crimes"] = ["sexual", "illicit/violent"],
        ["child-exploitation"] = ["sexual/minors"],
        ["hate"] = ["hate"],
        ["self-harm"] = ["self-harm"],
        ["sexual-content"] = ["sexual"],
    };

    /// <summary>The OpenAI categories a Tiergate category counts towards (also a guard's own, written with '-' for '/').</summary>
    public static IReadOnlyList<string> Of(string category)
    {
        if (FromTiergate.TryGetValue(category, out var names))
        {
            return names;
        }

        var slashed = category.Replace('-', '/');
        return Names.Contains(category) ? [category] : Names.Contains(slashed) ? [slashed] : [];
    }
}
