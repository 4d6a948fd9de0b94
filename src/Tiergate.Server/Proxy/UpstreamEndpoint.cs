namespace Tiergate.Server.Proxy;

/// <summary>How to reach one variant: its HTTP client, completions URL, model name and credential.</summary>
public sealed record UpstreamEndpoint(HttpMessageInvoker Client, Uri ChatCompletions, string Model, string? Credential, bool IsSample);
