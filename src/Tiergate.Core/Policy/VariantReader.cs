namespace Tiergate.Core.Policy;

internal static class VariantReader
{
    public static VariantConfig? Read(YamlFields f)
    {
        var name = f.String("name", required: true);
        var description = f.String("description");
        var upstream = ReadUpstream(f);

        var m = f.Nested("mitigations");
        var mitigations = new MitigationRecord(
            m.String("refusal_training") ?? "standard",
            m.Bool("data_filtered", false),
            m.String("notes"));
        m.RejectUnknownKeys();

        return name is null || upstream is null ? null : new VariantConfig(name, description, upstream, mitigations);
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

        return baseUrl is { Length: > 0 } && model is { Length: > 0 } ? new UpstreamConfig(baseUrl.TrimEnd('/'), model, apiKeyEnv) : null;
    }

    private static bool IsEnvironmentName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
