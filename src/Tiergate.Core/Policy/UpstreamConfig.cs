namespace Tiergate.Core.Policy;

/// <summary>Where a variant is served. <see cref="BuiltinSample"/> selects the in-process sample model.</summary>
public sealed record UpstreamConfig(string BaseUrl, string Model, string? ApiKeyEnv)
{
    public const string BuiltinSample = "builtin:sample";

    public bool IsBuiltinSample => BaseUrl == BuiltinSample;
}
