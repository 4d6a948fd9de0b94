namespace Tiergate.Core.Policy;

/// <summary>
/// Where a variant is served. <see cref="BuiltinSample"/> selects the in-process sample model.
/// <see cref="PassThrough"/> names the request parameters outside OpenAI's Chat Completions API
/// (vendor extensions such as <c>chat_template_kwargs</c>) that this upstream may be sent; they are screened too.
/// </summary>
public sealed record UpstreamConfig(string BaseUrl, string Model, string? ApiKeyEnv, IReadOnlyList<string>? PassThrough = null)
{
    public const string BuiltinSample = "builtin:sample";

    public bool IsBuiltinSample => BaseUrl == BuiltinSample;

    public bool PassesThrough(string parameter) => PassThrough is { } names && names.Contains(parameter, StringComparer.Ordinal);
}
