using System.Net;
using Tiergate.Core.Policy;
using Tiergate.Server.Sample;

namespace Tiergate.Server.Proxy;

/// <summary>
/// One pooled HTTP client for every real upstream and the in-process sample model for
/// <c>builtin:sample</c> variants. Credentials are read from the environment when a policy's endpoints are built: at start, and after a reload.
/// </summary>
public sealed class UpstreamRegistry : IDisposable
{
    private readonly HttpMessageInvoker _network;
    private readonly HttpMessageInvoker _sample;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<PolicyDocument, Dictionary<string, UpstreamEndpoint>> _endpoints = [];

    public UpstreamRegistry(PolicyDocument policy, TimeProvider time)
    {
        _network = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            MaxConnectionsPerServer = int.MaxValue,

            // The caller's trace context stays here, as its other headers do.
            ActivityHeadersPropagator = null,
        });
        _sample = new HttpMessageInvoker(new SampleModelHandler(time));
        _start = policy;
    }

    private readonly PolicyDocument _start;

    /// <summary>The endpoints of the policy the server started with.</summary>
    public UpstreamEndpoint this[string variant] => For(_start)[variant];

    /// <summary>
    /// The endpoints of one policy's variants, built the first time that policy is asked for (after a reload) and kept
    /// while it is in use; they share the pooled clients, so a reload opens no new connection pool.
    /// </summary>
    public IReadOnlyDictionary<string, UpstreamEndpoint> For(PolicyDocument policy) =>
        _endpoints.GetValue(policy, p => p.Variants.ToDictionary(v => v.Name, Endpoint, StringComparer.Ordinal));

    public void Dispose()
    {
        _network.Dispose();
        _sample.Dispose();
    }

    private UpstreamEndpoint Endpoint(VariantConfig variant)
    {
        var upstream = variant.Upstream;
        if (upstream.IsBuiltinSample)
        {
            return new UpstreamEndpoint(_sample, new Uri("http://sample.invalid/v1/chat/completions"), upstream.Model, null, true);
        }

        var credential = upstream.ApiKeyEnv is { } name ? Environment.GetEnvironmentVariable(name) : null;
        return new UpstreamEndpoint(_network, new Uri(upstream.BaseUrl + "/chat/completions"), upstream.Model, credential, false);
    }
}
