using System.CommandLine;
using System.Globalization;
using System.Text;
using Tiergate.Cli;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;
using Tiergate.Storage.Accounts.Users;
using Tiergate.Storage.Identity;

namespace Tiergate.Commands;

/// <summary>
/// <c>tiergate users verify|verifications|withdraw-verification</c>: a person's check recorded as verifications, the
/// account's records, and taking one back. The level always follows from the records.
/// </summary>
internal static class UsersVerificationCommand
{
    public static IEnumerable<Command> Create()
    {
        var who = new Option<string>("--user") { Description = "The user's email.", Required = true };
        var level = new Option<string>("--level") { Description = "What the check established: verified (an identity record) or affiliated (an affiliation record, and an identity record when the account holds no valid one).", Required = true };
        level.AcceptOnlyFromAmong("verified", "affiliated");
        var evidence = new Option<string>("--evidence") { Description = "What was checked (kept encrypted; at most 2000 characters).", Required = true };
        var method = new Option<string>("--method")
        {
            Description = "How it was checked: operator (default), reviewer_in_person, reviewer_document or reviewer_institution.",
            DefaultValueFactory = _ => VerificationNames.Operator,
        };
        method.AcceptOnlyFromAmong([.. VerificationNames.ManualMethods]);
        var expiresDays = new Option<int?>("--expires-days") { Description = "The records lapse after this many days (1 to 36500); by default never (a tier's identity_max_age_days still applies)." };
        var verify = new Command("verify", "Record a person's identity or affiliation check as verifications; the user's level follows from them.") { who, level, evidence, method, expiresDays };
        verify.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var l = Enum.Parse<IdentityLevel>(result.GetValue(level)!, ignoreCase: true);
            var validFor = result.GetValue(expiresDays) is { } days
                ? days is >= 1 and <= 36500 ? TimeSpan.FromDays(days) : throw new TiergateException(ErrorCodes.InvalidArgument, "--expires-days must be between 1 and 36500.")
                : (TimeSpan?)null;
            var user = await cli.Accounts.Users.RecordIdentityCheckAsync(result.GetValue(who)!, l, result.GetValue(method)!, result.GetValue(evidence)!, validFor, CliContext.Actor, ct);
            return output.Success(user, $"Recorded a {result.GetValue(method)} verification: {user.Email} is now {user.Identity}.");
        }, ct));

        var list = new Command("verifications", "List a user's verifications (newest first, evidence decrypted) and whether each counts now.") { who };
        list.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var user = await FindAsync(cli, result.GetValue(who)!, ct);
            var records = await cli.Accounts.Verifications.ListAsync(user.Id, ct);
            var text = new StringBuilder($"{user.Email} (id {user.Id}) is {user.Identity}");
            text.Append(user.IdentityVerifiedAt is { } at ? $", identity verified {at:yyyy-MM-dd}" : "").Append('.');
            foreach (var r in records)
            {
                var state = r.WithdrawnAt is not null ? "withdrawn" : r.Valid ? "counts" : r.Outcome == "verified" ? "expired" : "does not count";
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  #{r.Id} {r.Kind} {r.Method} {r.Outcome} {r.At:yyyy-MM-dd HH:mm} by {r.RecordedBy}, expires {(r.ExpiresAt is { } x ? x.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "never")}: {state}");
            }

            return output.Success(new { user = user.Email, user_id = user.Id, identity = user.Identity, identity_verified_at = user.IdentityVerifiedAt, verifications = records }, text.ToString());
        }, ct));

        var id = new Option<long>("--id") { Description = "The verification's id (from users verifications).", Required = true };
        var reason = new Option<string>("--reason") { Description = "Why it is withdrawn (kept encrypted; at most 2000 characters).", Required = true };
        var withdraw = new Command("withdraw-verification", "Withdraw a verification: it stops counting at once and the user's level follows.") { id, reason };
        withdraw.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var done = await cli.Accounts.Verifications.WithdrawAsync(result.GetValue(id), result.GetValue(reason)!, CliContext.Actor, ct);
            return output.Success(done, $"Withdrew verification #{done.Id} ({done.Kind}, {done.Method}) of user {done.UserId}.");
        }, ct));

        return [verify, list, withdraw];
    }

    private static async Task<UserView> FindAsync(CliContext cli, string email, CancellationToken ct) =>
        (await cli.Accounts.Users.SearchAsync(email, 1, CliContext.Actor, ct)).SingleOrDefault()
            ?? throw new TiergateException(UserErrors.UnknownUser, $"No user has email '{email}'.");
}
