using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests;

/// <summary>
/// One real gateway (SQLite) for <see cref="InputFieldScreeningTests"/>, whose rows each send one request:
/// its <c>standard</c> variant takes every modality and passes the vendor extensions through, so each
/// request reaches screening. The tests read only what their own request did to the upstream.
/// </summary>
public sealed class InputFieldHost : IAsyncLifetime
{
    public const string Extensions = "[chat_template, chat_template_kwargs, guided_choice]";

    public GatewayHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Every row's request counts against the general tier's requests per minute, the blocked ones too (limits come
        // before screening): room for all of them in one minute.
        Host = await GatewayHost.StartAsync(TestStore.Sqlite, yaml => WithStandard(
            yaml.Replace("      requests_per_minute: 60\n      tokens_per_day: 200000", "      requests_per_minute: 1000\n      tokens_per_day: 200000", StringComparison.Ordinal),
            "modalities: [text, image, audio, file]", Extensions));
        Client = Host.Client(await Host.GoodKeyAsync(await Host.UserWithTiersAsync("general")));
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>The shipped policy with lines added to the <c>standard</c> variant and its upstream.</summary>
    public static string WithStandard(string yaml, string? variantLine = null, string? passThrough = null)
    {
        if (passThrough is not null)
        {
            yaml = yaml.Replace("      model: sample-standard\n", $"      model: sample-standard\n      pass_through: {passThrough}\n", StringComparison.Ordinal);
        }

        if (variantLine is not null)
        {
            const string Anchor = "      notes: Pretraining data filtered for dual-use hazards; full refusal training.\n";
            Assert.Contains(Anchor, yaml, StringComparison.Ordinal);
            yaml = yaml.Replace(Anchor, $"{Anchor}    {variantLine}\n", StringComparison.Ordinal);
        }

        return yaml;
    }
}
