using Tiergate.Core.Errors;

namespace Tiergate.Core.Policy;

/// <summary>
/// Reads <c>safeguards.guards</c>: a list of <c>{ name, kind, url, model, api_key_env, timeout_ms, cache_size }</c>.
/// Every error carries <see cref="ErrorCodes.PolicyGuardInvalid"/>.
/// </summary>
internal static class GuardReader
{
    private static readonly Dictionary<string, GuardKind> Kinds = new(StringComparer.Ordinal)
    {
        ["moderations"] = GuardKind.Moderations,
        ["llama_guard"] = GuardKind.LlamaGuard,
        ["shieldgemma"] = GuardKind.ShieldGemma,
        ["granite_guardian"] = GuardKind.GraniteGuardian,
    };

    public static IReadOnlyList<GuardConfig> Read(YamlFields safeguards)
    {
        var guards = new List<GuardConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var code = ErrorCodes.PolicyGuardInvalid;
        foreach (var (node, path) in safeguards.Items("guards"))
        {
            var g = safeguards.Item(node, path);
            var name = g.String("name");
            var kindName = g.String("kind");
            var url = g.String("url");
            var model = g.String("model");
            var apiKeyEnv = g.String("api_key_env");
            var timeout = Number(g, "timeout_ms", GuardConfig.DefaultTimeoutMs, 1, 600_000);
            var cache = Number(g, "cache_size", GuardConfig.DefaultCacheSize, 0, 10_000_000);
            g.RejectUnknownKeys();

            var valid = timeout is not null && cache is not null;
            if (name is not { Length: > 0 } || !IsName(name))
            {
                g.Error(g.Child("name"), "is required: lowercase letters, digits, '-', '.' or '_'", node, code);
                valid = false;
            }
            else if (!names.Add(name))
            {
                g.Error(g.Child("name"), $"duplicate guard '{name}'", node, code);
                valid = false;
            }

            GuardKind kind = default;
            if (kindName is null || !Kinds.TryGetValue(kindName, out kind))
            {
                g.Error(g.Child("kind"), $"expected one of: {string.Join(", ", Kinds.Keys)}", node, code);
                valid = false;
            }

            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                g.Error(g.Child("url"), "expected an http(s) URL (the server's OpenAI-compatible base, e.g. http://127.0.0.1:8000/v1)", node, code);
                valid = false;
            }

            if (kind != GuardKind.Moderations && model is not { Length: > 0 } && kindName is not null && Kinds.ContainsKey(kindName))
            {
                g.Error(g.Child("model"), "is required for a chat guard (the model name the server serves)", node, code);
                valid = false;
            }

            if (apiKeyEnv is not null && !VariantReader.IsEnvironmentName(apiKeyEnv))
            {
                g.Error(g.Child("api_key_env"), "expected the name of an environment variable (letters, digits, underscores), never the key itself", node, code);
                valid = false;
            }

            if (valid)
            {
                guards.Add(new GuardConfig(name!, kind, url!.TrimEnd('/'), model is { Length: > 0 } ? model : null, apiKeyEnv, timeout!.Value, cache!.Value));
            }
        }

        return guards;
    }

    /// <summary>Every tier's guard references must name a declared guard.</summary>
    public static void CheckReferences(IReadOnlyList<GuardConfig> guards, List<ListEntry<TierConfig>> tiers, List<PolicyError> errors)
    {
        var names = guards.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (tier, _, path, node) in tiers)
        {
            if (tier is null)
            {
                continue;
            }

            foreach (var (direction, name) in new[] { ("input", tier.Safeguards.Guard.Input), ("output", tier.Safeguards.Guard.Output) })
            {
                if (name is not null && !names.Contains(name))
                {
                    errors.Add(new PolicyError($"{path}.safeguards.guard.{direction}", $"unknown guard '{name}' (declare it in safeguards.guards)", (int)node.Start.Line, ErrorCodes.PolicyGuardUnknown.Id));
                }
            }
        }
    }

    private static int? Number(YamlFields g, string key, int fallback, int min, int max)
    {
        var text = g.String(key);
        if (text is null)
        {
            return fallback;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        g.Error(g.Child(key), $"expected a whole number from {min} to {max}, got '{text}'", g.Node(key), ErrorCodes.PolicyGuardInvalid);
        return null;
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_');
}
