using System.CommandLine;
using Tiergate.Cli;

namespace Tiergate.Commands;

/// <summary><c>tiergate grants add|revoke</c>.</summary>
internal static class GrantsCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "The user's email.", Required = true };
        var tier = new Option<string>("--tier") { Description = "Tier name from the policy.", Required = true };
        var days = new Option<int?>("--days") { Description = "Grant length in days (default: the tier's grant_days; none means no expiry)." };

        var add = new Command("add", "Grant a tier to a user.") { user, tier, days };
        add.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var grant = await cli.Accounts.Grants.AddAsync(result.GetValue(user)!, result.GetValue(tier)!, result.GetValue(days), CliContext.Actor, ct);
            var until = grant.ExpiresAt is { } e ? $"until {e:yyyy-MM-dd HH:mm}Z" : "with no expiry";
            return output.Success(grant, $"Granted tier {grant.Tier} to {grant.User} {until} (grant {grant.Id}).");
        }, ct));

        var revoke = new Command("revoke", "Revoke a user's grants of a tier, effective from the next request.") { user, tier };
        revoke.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var revoked = await cli.Accounts.Grants.RevokeAsync(result.GetValue(user)!, result.GetValue(tier)!, CliContext.Actor, ct);
            return output.Success(new { revoked }, $"Revoked {revoked.Count} grant(s) of tier {revoked[0].Tier} from {revoked[0].User}.");
        }, ct));

        return new Command("grants", "Grant and revoke tiers.") { add, revoke };
    }
}
