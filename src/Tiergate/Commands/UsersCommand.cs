using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Core.Policy;

namespace Tiergate.Commands;

/// <summary><c>tiergate users add</c>.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The user's email address (unique, case-insensitive).", Required = true };
        var name = new Option<string?>("--name") { Description = "Display name." };
        var org = new Option<string?>("--org") { Description = "Organisation." };
        var identity = new Option<string>("--identity")
        {
            Description = "Identity level already established: email, verified or affiliated.",
            DefaultValueFactory = _ => "email",
        };
        identity.AcceptOnlyFromAmong("email", "verified", "affiliated");

        var add = new Command("add", "Add a user; tiers marked auto_grant are granted at once.") { email, name, org, identity };
        add.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var level = Enum.Parse<IdentityLevel>(result.GetValue(identity)!, ignoreCase: true);
            var user = await cli.Accounts.Users.AddAsync(result.GetValue(email)!, result.GetValue(name), result.GetValue(org), level, CliContext.Actor, ct);
            var grants = user.Grants.Count == 0 ? "no tiers" : string.Join(", ", user.Grants.Select(g => g.Tier));
            return output.Success(user, $"Added user {user.Email} (id {user.Id}, identity {user.Identity}); granted: {grants}.");
        }, ct));

        return new Command("users", "Manage users.") { add };
    }
}
