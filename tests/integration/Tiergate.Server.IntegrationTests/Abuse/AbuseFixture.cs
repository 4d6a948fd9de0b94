using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;
using Xunit;

namespace Tiergate.Server.IntegrationTests.Abuse;

/// <summary>
/// One real gateway (SQLite, fake upstream) shared by a whole abuse class, with limits raised so that
/// hundreds of hostile requests reach every stage instead of stopping at the rate limiter.
/// </summary>
public sealed class AbuseFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;

    /// <summary>A general-tier key: the tier whose profile blocks the hazards the suite plants.</summary>
    public HttpClient General { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await GatewayHost.StartAsync(TestStore.Sqlite, yaml => yaml
            .Replace("requests_per_minute: 60", "requests_per_minute: 1000000", StringComparison.Ordinal)
            .Replace("tokens_per_day: 200000", "tokens_per_day: 1000000000000", StringComparison.Ordinal));
        General = Host.Client(await Host.GoodKeyAsync(await Host.UserWithTiersAsync("general")));
        General.Timeout = GatewayInvariants.NoHang;
    }

    public async Task DisposeAsync()
    {
        General.Dispose();
        await Host.DisposeAsync();
    }
}
