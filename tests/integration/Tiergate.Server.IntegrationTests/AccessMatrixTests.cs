using Microsoft.Extensions.Time.Testing;
using Tiergate.Testing.Gateway;

namespace Tiergate.Server.IntegrationTests;

/// <summary>Every tier × variant × key state, each with the status and code it must get.</summary>
public sealed class AccessMatrixTests
{
    private static readonly string[] Tiers = ["general", "safety-research", "medical-research"];
    private static readonly string[] Variants = ["standard", "reduced-refusal", "bio-research"];
    private static readonly string[] KeyStates = ["valid", "revoked", "expired", "wrong-ip"];

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ChatCompletions_EveryTierVariantAndKeyState_GetsExpectedStatus(string backend)
    {
        await using var host = await GatewayHost.StartAsync(backend);
        var failures = new List<string>();
        var checkedCount = 0;

        foreach (var tier in Tiers)
        {
            var email = await host.UserWithTiersAsync(tier);
            var keys = await KeysAsync(host, email);
            var reachable = host.Policy.TiersByName[tier].Variants;
            foreach (var variant in Variants)
            {
                foreach (var state in KeyStates)
                {
                    var (status, code) = Expected(state, reachable.Contains(variant));
                    using var client = host.Client(keys[state]);
                    using var response = await Chat.PostAsync(client, variant);
                    var actualCode = await Chat.ErrorCodeAsync(response);
                    checkedCount++;
                    if ((int)response.StatusCode != status || actualCode != code)
                    {
                        failures.Add($"{tier} × {variant} × {state}: expected {status} {code ?? "ok"}, got {(int)response.StatusCode} {actualCode ?? "ok"}");
                    }
                }
            }
        }

        Assert.Equal(Tiers.Length * Variants.Length * KeyStates.Length, checkedCount);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static (int Status, string? Code) Expected(string keyState, bool variantInTier) => keyState switch
    {
        "revoked" => (401, "key_revoked"),
        "expired" => (401, "key_expired"),
        "wrong-ip" => (403, "ip_not_allowed"),
        _ => variantInTier ? (200, null) : (404, "model_not_found"), // the same answer as a variant that does not exist
    };

    private static async Task<Dictionary<string, string>> KeysAsync(GatewayHost host, string email)
    {
        var revoked = await host.Admin.Keys.CreateAsync(email, 7, ["127.0.0.0/8"], "test");
        await host.Admin.Keys.RevokeAsync(revoked.Id, "test");

        // Created ten days ago with a seven-day life: expired now.
        var past = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-10));
        var expired = await host.AdminAt(past).Keys.CreateAsync(email, 7, ["127.0.0.0/8"], "test");

        return new Dictionary<string, string>
        {
            ["valid"] = await host.GoodKeyAsync(email),
            ["revoked"] = revoked.Key,
            ["expired"] = expired.Key,
            ["wrong-ip"] = (await host.Admin.Keys.CreateAsync(email, 7, ["203.0.113.0/24"], "test")).Key,
        };
    }
}
