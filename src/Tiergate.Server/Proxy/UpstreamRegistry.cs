using System.Net;
using Tiergate.Core.Policy;
using Tiergate.Server.Sample;

namespace Tiergate.Server.Proxy;

/// <summary>
/// One pooled HTTP client for every real upstream and the in-process sample model for
/// <c>builtin:sample</c> variants. Credentials are read from the environment once, at start.
/// </summary>
public sealed class UpstreamRegistry : IDisposable
{
    private readonly HttpMessageInvoker _network;
    private readonly HttpMessageInvoker _sample;
    private readonly Dictionary<string, UpstreamEndpoint> _endpoints;

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
        _endpoints = policy.Variants.ToDictionary(v => v.Name, Endpoint, StringComparer.Ordinal);
    }

    public UpstreamEndpoint this[string variant] => _endpoints[variant];

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
