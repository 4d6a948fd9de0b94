using System.ClientModel;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenAI;
using OpenAI.Chat;
using Tiergate.Server.Responses;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Responses;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests.Responses;

/// <summary>
/// The real gateway on loopback with one safety researcher and a key, and a way to fire an alert as the monitor
/// subscriber does (raise it, then <see cref="AlertResponses.ApplyAsync"/>). Calls go through the official OpenAI client.
/// </summary>
internal sealed class ResponseScene : IAsyncDisposable
{
    private const string ResponsesLine = "      responses:            # mode: automatic (next request) or confirm (a reviewer confirms first)\n";

    private ResponseScene(GatewayHost host, string email, long userId, string key, string keyId)
    {
        Host = host;
        Email = email;
        UserId = userId;
        Key = key;
        KeyId = keyId;
    }

    public GatewayHost Host { get; }

    public string Email { get; }

    public long UserId { get; }

    public string Key { get; }

    public string KeyId { get; }

    public ResponseStore Store => Host.Service<ResponseStore>();

    /// <param name="extraResponse">One more response of the sample's safety-research tier, e.g. <c>{ detector: new_country, action: suspend-grant, mode: automatic }</c>.</param>
    /// <param name="edit">Any other change to the sample policy.</param>
    public static async Task<ResponseScene> StartAsync(string backend, string? extraResponse = null, Func<string, string>? edit = null)
    {
        var host = await GatewayHost.StartAsync(backend, yaml =>
        {
            Assert.Contains(ResponsesLine, yaml, StringComparison.Ordinal);
            yaml = edit?.Invoke(yaml) ?? yaml;
            return extraResponse is null ? yaml : yaml.Replace(ResponsesLine, ResponsesLine + $"        - {extraResponse}\n", StringComparison.Ordinal);
        });
        var email = await host.UserWithTiersAsync("safety-research");
        var created = await host.Admin.Keys.CreateAsync(email, 7, ["127.0.0.0/8", "::1"], "test");
        await using var db = host.Store.Database.CreateContext();
        var userId = await db.Users.Select(u => u.Id).SingleAsync();
        return new ResponseScene(host, email, userId, created.Key, created.Id);
    }

    /// <summary>The official client, without its retries (it would wait out a 429's Retry-After and try again).</summary>
    public ChatClient Client(string variant = "reduced-refusal") =>
        new(variant, new ApiKeyCredential(Key), new OpenAIClientOptions { Endpoint = Host.OpenAiEndpoint, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });

    /// <summary>Raises an alert of <paramref name="detector"/> for the researcher and applies the tier's responses, as the monitor subscriber does.</summary>
    public async Task<(AlertView Alert, IReadOnlyList<ResponseView> Responses)> FireAsync(string detector, string tier = "safety-research")
    {
        var alert = await Host.Service<AlertStore>().RaiseAsync(new NewAlert(detector, UserId, KeyId, tier, AlertSeverity.High, new Dictionary<string, string> { ["seen"] = "test" }));
        await Host.Service<AlertResponses>().ApplyAsync(alert, UserId, KeyId, Host.Policy.TiersByName[tier], CancellationToken.None);
        return (alert, await Store.ListAsync(alertId: alert.Id));
    }

    /// <summary>One chat completion: null when it was answered, else the refusal's HTTP status and error code.</summary>
    public async Task<(int Status, string? Code)?> CallAsync(string variant = "reduced-refusal")
    {
        try
        {
            await Client(variant).CompleteChatAsync([new UserChatMessage("Say hello")]);
            return null;
        }
        catch (ClientResultException e)
        {
            var body = e.GetRawResponse()?.Content.ToString();
            var code = body is { Length: > 0 } ? (string?)JsonNode.Parse(body)?["error"]?["code"] : null;
            return (e.Status, code);
        }
    }

    /// <summary>The audit records of <paramref name="action"/> as (subject, outcome).</summary>
    public async Task<List<(string? Subject, string Outcome)>> AuditAsync(string action)
    {
        await using var db = Host.Store.Database.CreateContext();
        return (await db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Action == action).OrderBy(r => r.Sequence).ToListAsync())
            .Select(r => (r.Subject, r.Outcome)).ToList();
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
