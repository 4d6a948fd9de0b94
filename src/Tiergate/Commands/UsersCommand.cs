using System.CommandLine;
using System.Text;
using Tiergate.Cli;
using Tiergate.Core.Policy;

namespace Tiergate.Commands;

/// <summary><c>tiergate users add|reindex|mfa</c>.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The user's email address (unique after normalisation: NFKC, case, surrounding spaces, a trailing dot on the domain).", Required = true };
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
        }, ct, createDatabase: true));

        var reindex = new Command(
            "reindex",
            "Recompute every user's email index over the normalised address (run once after upgrading); users whose addresses now coincide are listed, never merged.");
        reindex.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var done = await cli.Accounts.Users.ReindexEmailsAsync(CliContext.Actor, ct);
            var text = new StringBuilder($"Checked {done.Checked} users; re-indexed {done.Reindexed}.");
            foreach (var c in done.Collisions)
            {
                text.AppendLine().Append($"COLLISION {c.Email}: users {string.Join(", ", c.UserIds)} normalise to one address; user {c.KeptUserId} keeps it, the others are kept unchanged for review.");
            }

            if (done.Invalid.Count > 0)
            {
                text.AppendLine().Append($"INVALID: users {string.Join(", ", done.Invalid)} have addresses the current rules refuse; left unchanged.");
            }

            return output.Success(
                new
                {
                    @checked = done.Checked,
                    reindexed = done.Reindexed,
                    collisions = done.Collisions.Select(c => new { email = c.Email, kept_user_id = c.KeptUserId, user_ids = c.UserIds }),
                    invalid = done.Invalid,
                },
                text.ToString());
        }, ct));

        return new Command("users", "Manage users.") { add, reindex, UsersMfaCommand.Create() };
    }
}
