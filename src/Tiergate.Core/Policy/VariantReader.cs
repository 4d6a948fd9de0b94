using Tiergate.Core.Protocol;
using YamlDotNet.RepresentationModel;

namespace Tiergate.Core.Policy;

internal static class VariantReader
{
    public static VariantConfig? Read(YamlFields f)
    {
        var name = f.String("name", required: true);
        var description = f.String("description");
        var upstream = ReadUpstream(f);
        var modalities = ReadModalities(f);

        var m = f.Nested("mitigations");
        var mitigations = new MitigationRecord(
            m.String("refusal_training") ?? "standard",
            m.Bool("data_filtered", false),
            m.String("notes"));
        m.RejectUnknownKeys();

        return name is null || upstream is null ? null : new VariantConfig(name, description, upstream, mitigations, modalities);
    }

    private static UpstreamConfig? ReadUpstream(YamlFields variant)
    {
        var u = variant.Nested("upstream");
        if (!u.Exists)
        {
            variant.Error(u.Path, "is required", null);
            return null;
        }

        var baseUrl = u.String("base_url", required: true);
        var model = u.String("model", required: true);
        var apiKeyEnv = u.String("api_key_env");
        var passThrough = ReadPassThrough(u);
        u.RejectUnknownKeys();

        if (baseUrl is { Length: > 0 } && baseUrl != UpstreamConfig.BuiltinSample &&
            !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            u.Error(u.Child("base_url"), $"expected an http(s) URL or '{UpstreamConfig.BuiltinSample}', got '{baseUrl}'", u.Node("base_url"));
            return null;
        }

        if (apiKeyEnv is not null && !IsEnvironmentName(apiKeyEnv))
        {
            u.Error(u.Child("api_key_env"), "expected the name of an environment variable (letters, digits, underscores)", u.Node("api_key_env"));
        }

        return baseUrl is { Length: > 0 } && model is { Length: > 0 } ? new UpstreamConfig(baseUrl.TrimEnd('/'), model, apiKeyEnv, passThrough) : null;
    }

    private static readonly Dictionary<string, Modalities> ModalityNames = new(StringComparer.Ordinal)
    {
        ["text"] = Modalities.Text,
        ["image"] = Modalities.Image,
        ["audio"] = Modalities.Audio,
        ["file"] = Modalities.File,
    };

    /// <summary><c>modalities: [text, image]</c>; text is always allowed, listed or not.</summary>
    private static Modalities ReadModalities(YamlFields variant)
    {
        var modalities = Modalities.Text;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (node, path) in variant.Items("modalities"))
        {
            if (node is not YamlScalarNode { Value: { } name } || !ModalityNames.TryGetValue(name, out var modality))
            {
                variant.Error(path, $"expected one of: {string.Join(", ", ModalityNames.Keys)}", node);
            }
            else if (!seen.Add(name))
            {
                variant.Error(path, $"'{name}' is listed twice", node);
            }
            else
            {
                modalities |= modality;
            }
        }

        return modalities;
    }

    /// <summary>
    /// <c>pass_through: [chat_template_kwargs, ...]</c>: vendor extensions only. A parameter of OpenAI's API is
    /// already known (screened or type-checked), so listing one is a mistake that would suggest it was not.
    /// </summary>
    private static List<string> ReadPassThrough(YamlFields upstream)
    {
        var names = new List<string>();
        foreach (var (node, path) in upstream.Items("pass_through"))
        {
            if (node is not YamlScalarNode { Value: { } name } scalar || !IsParameterName(name) ||
                (scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && name is "true" or "false" or "null" or "~"))
            {
                upstream.Error(path, "expected a parameter name (letters, digits, '_', '-', '.'; starting with a letter or '_')", node);
            }
            else if (ChatParameters.IsKnown(name))
            {
                upstream.Error(path, $"'{name}' is a Chat Completions parameter the gateway already knows (and screens where it carries text); list only vendor extensions", node);
            }
            else if (names.Contains(name, StringComparer.Ordinal))
            {
                upstream.Error(path, $"'{name}' is listed twice", node);
            }
            else
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static bool IsParameterName(string name) =>
        name.Length is > 0 and <= 128 && (char.IsAsciiLetter(name[0]) || name[0] == '_') &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    internal static bool IsEnvironmentName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
