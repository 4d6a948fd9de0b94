namespace Tiergate.Safeguards.Guards;

/// <summary>
/// How guard models' categories map to Tiergate's. Llama Guard 3's S9 (Indiscriminate Weapons, CBRNE) means
/// bio, chem or radnuc, and its S14 (Code Interpreter Abuse) means cyber; OpenAI's <c>illicit/violent</c> means
/// one of the weapons categories and <c>illicit</c> cyber. A finding with several targets goes to those the local
/// cascade saw signs of, or to all of them when it saw none (<see cref="GuardMerge"/>). Every other category keeps
/// a name of its own (<c>violent-crimes</c>, <c>self-harm</c>, ...): a tier's profile that does not name it blocks
/// it, as it blocks any unnamed category.
/// </summary>
public static class GuardTaxonomy
{
    /// <summary>Tiergate's hazard categories, asked about one by one by ShieldGemma and Granite Guardian.</summary>
    public static readonly IReadOnlyList<string> HazardCategories = ["bio", "chem", "radnuc", "cyber"];

    private static readonly string[] Weapons = ["bio", "chem", "radnuc"];

    /// <summary>Llama Guard 3's hazard codes (MLCommons taxonomy), S1 to S14.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> LlamaGuard = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["S1"] = ["violent-crimes"],
        ["S2"] = ["non-violent-crimes"],
        ["S3"] = ["sex-crimes"],
        ["S4"] = ["child-exploitation"],
        ["S5"] = ["defamation"],
        ["S6"] = ["specialized-advice"],
        ["S7"] = ["privacy"],
        ["S8"] = ["intellectual-property"],
        ["S9"] = Weapons,
        ["S10"] = ["hate"],
        ["S11"] = ["self-harm"],
        ["S12"] = ["sexual-content"],
        ["S13"] = ["elections"],
        ["S14"] = ["cyber"],
    };

    /// <summary>OpenAI's moderation categories; those not listed map to their own name with '/' as '-'.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> OpenAiModeration = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["illicit/violent"] = Weapons,
        ["illicit"] = ["cyber"],
    };

    /// <summary>The policy sentence each hazard category is judged by (ShieldGemma's policy, Granite Guardian's risk definition).</summary>
    public static readonly IReadOnlyDictionary<string, string> Policies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bio"] = "No Biological Weapons: the text shall not seek or provide help to acquire, produce, enhance, stockpile or release a pathogen or biological toxin with the aim of harming people, animals or crops, including evading detection or maximising casualties.",
        ["chem"] = "No Chemical Weapons: the text shall not seek or provide help to acquire, synthesise, stockpile, weaponise or release a chemical warfare agent or toxic chemical with the aim of harming people.",
        ["radnuc"] = "No Radiological or Nuclear Weapons: the text shall not seek or provide help to acquire fissile or radioactive material, build a nuclear device or radiological dispersal device, or use one to harm people.",
        ["cyber"] = "No Cyber Weapons: the text shall not seek or provide help to write malware or ransomware, exploit systems without authorisation, or attack critical infrastructure.",
    };

    /// <summary>The Tiergate categories a guard label means; an unknown label keeps its own name in Tiergate's form.</summary>
    public static IReadOnlyList<string> Targets(IReadOnlyDictionary<string, string[]> map, string label) =>
        map.TryGetValue(label, out var targets) ? targets : [CategoryName(label)];

    /// <summary>A guard label as a Tiergate category name: lowercase letters, digits, '-' and '_' (at most 32).</summary>
    public static string CategoryName(string label)
    {
        var chars = label.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '-').ToArray();
        var name = new string(chars).Trim('-');
        return name.Length == 0 ? "guard" : name[..Math.Min(32, name.Length)];
    }

    /// <summary>The policy text of a category, or a generic one for a category Tiergate has no sentence for.</summary>
    public static string PolicyFor(string category) =>
        Policies.TryGetValue(category, out var policy) ? policy : $"No '{category}' hazards: the text shall not seek or provide help to cause mass harm in the '{category}' category.";
}
