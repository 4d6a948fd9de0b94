using System.CommandLine;
using System.Text;
using Tiergate.Cli;

namespace Tiergate.Commands;

/// <summary><c>tiergate keys create|revoke|list</c>.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "The user's email.", Required = true };
        var expires = new Option<int?>("--expires-days") { Description = "Days until the key expires (default: never)." };
        var allowIp = new Option<string[]>("--allow-ip") { Description = "Allow calls only from this address or CIDR block; repeat for several." };
        var tier = new Option<string[]>("--tier") { Description = "Scope the key to this tier; repeat for several (default: every tier the user holds). The practices of every tier the key can reach are checked." };
        var id = new Option<string>("--id") { Description = "The key id (the 12 characters after tg_; shown by keys list), or the whole key.", Required = true };

        var create = new Command("create", "Create an API key; the key is printed once and never stored.") { user, expires, allowIp, tier };
        create.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var key = await cli.Accounts.Keys.CreateAsync(result.GetValue(user)!, result.GetValue(expires), result.GetValue(allowIp) ?? [], result.GetValue(tier) ?? [], CliContext.Actor, ct);
            var d = key.Details;
            var text = new StringBuilder()
                .AppendLine($"Created key {key.Id} for {d.User}{(d.ExpiresAt is { } e ? $", expires {e:yyyy-MM-dd HH:mm}Z" : "")}{(d.AllowedNetworks.Count > 0 ? $", from {string.Join(" ", d.AllowedNetworks)}" : "")}{(d.Tiers.Count > 0 ? $", for {string.Join(", ", d.Tiers)}" : "")}.")
                .AppendLine("Copy it now; it cannot be shown again:")
                .Append(key.Key).ToString();
            return output.Success(new { id = key.Id, key = key.Key, user = d.User, created_at = d.CreatedAt, expires_at = d.ExpiresAt, allowed_networks = d.AllowedNetworks, tiers = d.Tiers }, text);
        }, ct));

        var revoke = new Command("revoke", "Revoke an API key, effective from the next request.") { id };
        revoke.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var key = await cli.Accounts.Keys.RevokeAsync(result.GetValue(id)!, CliContext.Actor, ct);
            return output.Success(key, $"Revoked key {key.Id} of {key.User}.");
        }, ct));

        var list = new Command("list", "List a user's keys (never their secrets).") { user };
        list.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var keys = await cli.Accounts.Keys.ListAsync(result.GetValue(user)!, CliContext.Actor, ct);
            var lines = keys.Select(k => $"{k.Id}  {k.State,-8} created {k.CreatedAt:yyyy-MM-dd}  expires {(k.ExpiresAt is { } e ? e.ToString("yyyy-MM-dd") : "never"),-10}  {string.Join(" ", k.AllowedNetworks)}");
            return output.Success(new { keys }, keys.Count == 0 ? "No keys." : string.Join(Environment.NewLine, lines));
        }, ct));

        return new Command("keys", "Create, list and revoke API keys.") { create, revoke, list };
    }
}
