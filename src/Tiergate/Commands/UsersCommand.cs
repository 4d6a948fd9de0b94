using System.CommandLine;
using System.Text;
using Tiergate.Cli;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;

namespace Tiergate.Commands;

/// <summary><c>tiergate users add|role|privacy|reindex|mfa</c>, and the verification verbs (<see cref="UsersVerificationCommand"/>).</summary>
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
        var role = new Option<string>("--role")
        {
            Description = "What the user may do: applicant (default), reviewer or admin.",
            DefaultValueFactory = _ => "applicant",
        };
        role.AcceptOnlyFromAmong("applicant", "reviewer", "admin");

        var add = new Command("add", "Add a user; tiers marked auto_grant are granted at once.") { email, name, org, identity, role };
        add.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var level = Enum.Parse<IdentityLevel>(result.GetValue(identity)!, ignoreCase: true);
            var userRole = ParseRole(result.GetValue(role));
            var user = await cli.Accounts.Users.AddAsync(result.GetValue(email)!, result.GetValue(name), result.GetValue(org), level, userRole, CliContext.Actor, ct);
            var grants = user.Grants.Count == 0 ? "no tiers" : string.Join(", ", user.Grants.Select(g => g.Tier));
            var links = await AttachEmailAsync(cli, user.Id, user.Email, ct);
            return output.Success(user, $"Added user {user.Email} (id {user.Id}, identity {user.Identity}, role {user.Role}); granted: {grants}.{links}");
        }, ct, createDatabase: true));

        var who = new Option<string>("--user") { Description = "The user's email.", Required = true };
        var newRole = new Option<string>("--role") { Description = "applicant, reviewer or admin.", Required = true };
        newRole.AcceptOnlyFromAmong("applicant", "reviewer", "admin");
        var setRole = new Command("role", "Change a user's role.") { who, newRole };
        setRole.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var r = ParseRole(result.GetValue(newRole));
            var user = await cli.Accounts.Users.SetRoleAsync(result.GetValue(who)!, r, CliContext.Actor, ct);
            return output.Success(user, $"{user.Email} is now {user.Role}.");
        }, ct));

        var allow = new Option<bool>("--allow") { Description = "Give the privacy permission: may unmask alerts of aggregate-privacy tiers, with an audited reason." };
        var revoke = new Option<bool>("--revoke") { Description = "Take the privacy permission away." };
        var privacy = new Command("privacy", "Give or take a user's privacy permission (unmasking alerts of aggregate-privacy tiers).") { email, allow, revoke };
        privacy.Validators.Add(r =>
        {
            if (r.GetValue(allow) == r.GetValue(revoke))
            {
                r.AddError("Give exactly one of --allow or --revoke.");
            }
        });
        privacy.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var user = await cli.Accounts.Users.SetPrivacyPermissionAsync(result.GetValue(email)!, result.GetValue(allow), CliContext.Actor, ct);
            return output.Success(user, user.Privacy ? $"{user.Email} now holds the privacy permission." : $"{user.Email} no longer holds the privacy permission.");
        }, ct));

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

        var users = new Command("users", "Manage users.") { add, setRole, privacy, reindex, UsersMfaCommand.Create() };
        foreach (var verb in UsersVerificationCommand.Create())
        {
            users.Subcommands.Add(verb);
        }

        return UsersIdentityCommand.AddTo(users);
    }

    // The option accepts only the three names, so a failure here is a bug, not a user's mistake.
    /// <summary>
    /// The new account's address joins the identifier graph as a console sign-in's would (a Gmail variant of another
    /// account's address links them): what the operator should know is said, never the address of the other account.
    /// </summary>
    private static async Task<string> AttachEmailAsync(CliContext cli, long userId, string email, CancellationToken ct)
    {
        Storage.Identity.Links.AttachResult attached;
        try
        {
            attached = await cli.Identifiers.AttachAsync(userId, Core.Identity.IdentifierKind.Email, email, "cli", CliContext.Actor, ct);
        }
        catch (Core.Errors.TiergateException e) when (e.Code == Core.Errors.ErrorCodes.InvalidArgument)
        {
            return ""; // An address the graph's normaliser refuses (none users add accepts today) is simply not linked.
        }

        var others = string.Join(", ", attached.LinkedUserIds.Select(u => u.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return attached.Refusal is not null ? $" Its address belongs to a banned account (user {others}): its applications will be flagged."
            : others.Length > 0 ? $" Its address links it to user {others}."
            : "";
    }

    private static UserRole ParseRole(string? text) =>
        VettingNames.TryParseRole(text, out var role) ? role : throw new InvalidOperationException($"Unexpected role '{text}'.");
}
