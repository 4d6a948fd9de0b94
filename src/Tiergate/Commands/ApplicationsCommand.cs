using System.CommandLine;
using Tiergate.Cli;
using Tiergate.Core.Errors;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Vetting;

namespace Tiergate.Commands;

/// <summary><c>tiergate applications submit|list|review</c>: the console's review, run by an operator.</summary>
internal static class ApplicationsCommand
{
    public static Command Create()
    {
        var user = new Option<string>("--user") { Description = "The applicant's email.", Required = true };
        var tier = new Option<string>("--tier") { Description = "Tier name from the policy.", Required = true };
        var useCase = new Option<string>("--use-case") { Description = "The intended use, in the applicant's words (at most 4000 characters).", Required = true };
        var affiliation = new Option<string?>("--affiliation") { Description = "The applicant's affiliation." };
        var link = new Option<string[]>("--link") { Description = "A supporting http(s) link; repeat for several (at most 5)." };

        var submit = new Command("submit", "Submit an application for a tier; records acceptance of the tier policy's current version.") { user, tier, useCase, affiliation, link };
        submit.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var request = new ApplicationRequest(result.GetValue(user)!, result.GetValue(tier)!, result.GetValue(useCase)!, result.GetValue(affiliation), result.GetValue(link) ?? [], []);
            var application = await cli.Accounts.Applications.SubmitAsync(request, CliContext.Actor, ct);
            return output.Success(Json(application), $"Submitted application {application.Id} of {application.User} for {application.Tier} (policy {application.PolicyId} version {application.PolicyVersion} accepted); {application.ApprovalsRequired} approval(s) needed.");
        }, ct));

        var status = new Option<string?>("--status") { Description = "Only applications in this status: pending, needs-info, approved or denied." };
        status.AcceptOnlyFromAmong("pending", "needs-info", "approved", "denied");
        var byUser = new Option<string?>("--user") { Description = "Only this applicant's applications." };
        var list = new Command("list", "List applications, newest first, with the flags reviewers look at.") { status, byUser };
        list.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            ApplicationStatus? wanted = VettingNames.TryParseStatus(result.GetValue(status), out var s) ? s : null;
            var applications = await cli.Accounts.Applications.ListAsync(wanted, result.GetValue(byUser), CliContext.Actor, ct);
            var lines = applications.Select(a => $"{a.Id}  {a.Status,-10} {a.Tier,-18} {a.User}  approvals {a.Approvals}/{a.ApprovalsRequired}{(a.Flags.Count > 0 ? "  flags: " + string.Join(",", a.Flags) : "")}");
            return output.Success(new { applications = applications.Select(Json) }, applications.Count == 0 ? "No applications." : string.Join(Environment.NewLine, lines));
        }, ct));

        var id = new Option<long>("--id") { Description = "The application's id.", Required = true };
        var approve = new Option<bool>("--approve") { Description = "Approve it." };
        var deny = new Option<bool>("--deny") { Description = "Deny it." };
        var ask = new Option<bool>("--ask") { Description = "Ask the applicant for more information." };
        var reviewer = new Option<string>("--reviewer") { Description = "The reviewing user's email (reviewer or admin role; not the applicant).", Required = true };
        var reason = new Option<string>("--reason") { Description = "The written reason, shown to the applicant (at most 2000 characters).", Required = true };
        var review = new Command("review", "Record a review decision; the approval that reaches the tier's count creates the grant.") { id, approve, deny, ask, reviewer, reason };
        review.SetAction((result, ct) => AdminVerb.RunAsync(result, async (cli, output) =>
        {
            var chosen = new[] { (result.GetValue(approve), ReviewVerdict.Approve), (result.GetValue(deny), ReviewVerdict.Deny), (result.GetValue(ask), ReviewVerdict.Ask) }.Where(c => c.Item1).ToList();
            if (chosen.Count != 1)
            {
                throw new TiergateException(ErrorCodes.InvalidArgument, "Give exactly one of --approve, --deny or --ask.");
            }

            var application = await cli.Accounts.Applications.ReviewAsync(result.GetValue(id), result.GetValue(reviewer)!, chosen[0].Item2, result.GetValue(reason), CliContext.Actor, ct);
            var grant = application.GrantId is { } g ? $"; grant {g} created" : "";
            return output.Success(Json(application), $"Application {application.Id} is {application.Status} ({application.Approvals}/{application.ApprovalsRequired} approvals){grant}.");
        }, ct));

        return new Command("applications", "Submit and review applications for tiers.") { submit, list, review };
    }

    private static object Json(ApplicationView a) => new
    {
        id = a.Id,
        user = a.User,
        tier = a.Tier,
        status = a.Status,
        round = a.Round,
        approvals = a.Approvals,
        approvals_required = a.ApprovalsRequired,
        use_case = a.UseCase,
        affiliation = a.Affiliation,
        links = a.Links,
        policy = new { id = a.PolicyId, version = a.PolicyVersion, accepted_at = a.AcceptedAt },
        created_at = a.CreatedAt,
        grant_id = a.GrantId,
        flags = a.Flags,
        decisions = a.Decisions.Select(d => new { reviewer = d.Reviewer, verdict = d.Verdict, round = d.Round, reason = d.Reason, at = d.At }),
    };
}
