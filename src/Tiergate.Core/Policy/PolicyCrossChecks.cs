using YamlDotNet.RepresentationModel;

namespace Tiergate.Core.Policy;

/// <summary>Checks that span entries: unique names, and references that resolve.</summary>
internal static class PolicyCrossChecks
{
    public static void Check(
        List<ListEntry<VariantConfig>> variants,
        List<ListEntry<AcceptableUsePolicy>> policies,
        List<ListEntry<TierConfig>> tiers,
        List<PolicyError> errors)
    {
        var variantNames = Unique(variants, "variant", errors);
        var policyIds = Unique(policies, "policy", errors);
        Unique(tiers, "tier", errors);

        foreach (var (variant, _, path, node) in variants)
        {
            if (variant is not null && !IsName(variant.Name))
            {
                errors.Add(new PolicyError($"{path}.name", $"'{variant.Name}' must be lowercase letters, digits, '-', '.' or '_'", Line(node)));
            }
        }

        foreach (var (tier, _, path, node) in tiers)
        {
            if (tier is null)
            {
                continue;
            }

            if (!IsName(tier.Name))
            {
                errors.Add(new PolicyError($"{path}.name", $"'{tier.Name}' must be lowercase letters, digits, '-', '.' or '_'", Line(node)));
            }

            for (var i = 0; i < tier.Variants.Count; i++)
            {
                if (!variantNames.Contains(tier.Variants[i]))
                {
                    errors.Add(new PolicyError($"{path}.variants[{i}]", $"unknown variant '{tier.Variants[i]}'", Line(node)));
                }
            }

            if (!policyIds.Contains(tier.Policy))
            {
                errors.Add(new PolicyError($"{path}.policy", $"unknown policy '{tier.Policy}'", Line(node)));
            }

            if (tier.AutoGrant && (tier.Identity > IdentityLevel.Email || tier.Security.Mfa || tier.Security.IpAllowlist))
            {
                errors.Add(new PolicyError($"{path}.auto_grant", "a tier granted to every user cannot require identity verification or security practices", Line(node)));
            }
        }
    }

    /// <summary>Names are compared as written, so a duplicate is reported even when the entry has other errors.</summary>
    private static HashSet<string> Unique<T>(List<ListEntry<T>> items, string what, List<PolicyError> errors)
        where T : class
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, name, path, node) in items)
        {
            if (name is { Length: > 0 } && !seen.Add(name))
            {
                errors.Add(new PolicyError(path, $"duplicate {what} '{name}'", Line(node)));
            }
        }

        return seen;
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_');

    private static int Line(YamlNode node) => (int)node.Start.Line;
}
