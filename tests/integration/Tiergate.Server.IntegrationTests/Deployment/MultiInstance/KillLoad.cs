using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Deployment.MultiInstance;

/// <summary>
/// Load for the kill test: clients that send one chat request after another and remember each request the
/// gateway acknowledged (200 with an answer) by the key it used and its unique <c>max_tokens</c>, which the
/// admission audit record carries; so every acknowledged request can be looked for in the audit log.
/// </summary>
internal sealed class KillLoad
{
    public const int ClientsPerInstance = 4;

    /// <summary>The tier's max_output_tokens: a key's clients share its 1..1024 (each client the values of one residue).</summary>
    private const int MaxTokensLimit = 1024;

    private readonly ConcurrentBag<Acknowledgement> _acknowledged = [];
    private readonly ConcurrentDictionary<GatewayInstance, int> _failuresAfterKill = new();
    private volatile bool _killed;

    public IReadOnlyCollection<Acknowledgement> Acknowledged => _acknowledged;

    public int AcknowledgedBy(GatewayInstance instance) => _acknowledged.Count(a => a.Instance == instance);

    public int AcknowledgedAfterKill(GatewayInstance instance) => _acknowledged.Count(a => a.Instance == instance && a.AfterKill);

    public int FailuresAfterKill(GatewayInstance instance) => _failuresAfterKill.GetValueOrDefault(instance);

    public void Killed() => _killed = true;

    /// <summary>Client <paramref name="client"/> (0-3) of an instance's four: max_tokens client + 1, client + 5, client + 9, ... with that instance's key.</summary>
    public async Task RunClientAsync(int client, GatewayInstance instance, (string Id, string Key) apiKey, CancellationToken stop)
    {
        var (keyId, key) = apiKey;
        using var http = instance.Client(key);
        for (var maxTokens = client + 1; maxTokens <= MaxTokensLimit && !stop.IsCancellationRequested; maxTokens += ClientsPerInstance)
        {
            var afterKill = _killed;
            try
            {
                using var response = await Chat.PostAsync(http, "standard", maxTokens: maxTokens);
                var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (response.IsSuccessStatusCode && JsonNode.Parse(body)?["choices"] is JsonArray { Count: > 0 })
                {
                    _acknowledged.Add(new Acknowledgement(instance, keyId, maxTokens, afterKill));
                }
                else if (afterKill)
                {
                    _failuresAfterKill.AddOrUpdate(instance, 1, (_, n) => n + 1);
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                // The victim died mid-request (the client never saw it succeed), or no longer listens.
                if (afterKill)
                {
                    _failuresAfterKill.AddOrUpdate(instance, 1, (_, n) => n + 1);
                }

                if (instance.HasExited)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Waits (up to 60 s) for <paramref name="condition"/>; fails with <paramref name="message"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string message)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), message);
            await Task.Delay(20);
        }
    }

    public sealed record Acknowledgement(GatewayInstance Instance, string KeyId, int MaxTokens, bool AfterKill);
}
