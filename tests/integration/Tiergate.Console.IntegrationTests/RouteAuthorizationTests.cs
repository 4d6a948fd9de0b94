using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Responses;
using Tiergate.Storage.Vetting;

namespace Tiergate.Console.IntegrationTests;

/// <summary>
/// Issue 14, point 6: every console route × role (and anonymous) against one table (OWASP API1, API5), and every
/// form an admin or reviewer page offers posted by each role that may not use it — refused, audited, nothing changed.
/// </summary>
public sealed class RouteAuthorizationTests
{
    private const string Actor = "cli:matrix";

    public enum Who { Anonymous, Applicant, Reviewer, Admin }

    public enum Answer { Ok, SignIn, Forbidden, NotFound }

    private const Answer Ok = Answer.Ok, SignIn = Answer.SignIn, No = Answer.Forbidden, Gone = Answer.NotFound;

    /// <summary>Route → the answer for anonymous, applicant, reviewer, admin. <c>{application}</c> is the applicant's own application.</summary>
    private static readonly (string Route, Answer[] Expected)[] Table =
    [
        ("/", [Ok, Ok, Ok, Ok]),
        ("/login", [Ok, Ok, Ok, Ok]),
        ("/register", [Ok, Ok, Ok, Ok]),
        ("/forgot", [Ok, Ok, Ok, Ok]),
        ("/console.css", [Ok, Ok, Ok, Ok]),
        ("/passkeys.js", [Ok, Ok, Ok, Ok]),
        ("/no-such-page", [Gone, Gone, Gone, Gone]),
        ("/account", [SignIn, Ok, Ok, Ok]),
        ("/step-up", [SignIn, Ok, Ok, Ok]),
        ("/applications", [SignIn, Ok, Ok, Ok]),
        ("/applications/new", [SignIn, Ok, Ok, Ok]),
        ("/applications/{application}", [SignIn, Ok, Gone, Gone]),
        ("/keys", [SignIn, Ok, Ok, Ok]),
        ("/review", [SignIn, No, Ok, Ok]),
        ("/review/{application}", [SignIn, No, Ok, Ok]),
        ("/alerts", [SignIn, No, Ok, Ok]),
        ("/alerts/{alert}", [SignIn, No, Ok, Ok]),
        ("/monitoring", [SignIn, No, Ok, Ok]),
        ("/admin/users", [SignIn, No, No, Ok]),
        ("/admin/users/{applicantUser}", [SignIn, No, No, Ok]),
        ("/admin/grants", [SignIn, No, No, Ok]),
        ("/responses", [SignIn, No, Ok, Ok]),
        ("/responses?alert={alert}", [SignIn, No, Ok, Ok]),
    ];

    [Fact]
    public async Task EveryRoute_EveryRole_AnswersAsTheTableSays()
    {
        await using var world = await World.CreateAsync();
        var failures = new List<string>();

        foreach (var (route, expected) in Table)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                var path = world.Fill(route);
                var page = await world.Browser(who).GetAsync(path);
                var got = Classify(page);
                if (got != expected[(int)who])
                {
                    failures.Add($"{who} GET {path}: expected {expected[(int)who]}, got {got} ({(int)page.Status} {page.Location})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryFormOfReviewAndAdminPages_PostedByARoleThatMayNotUseIt_RefusedAuditedAndNothingChanges()
    {
        await using var world = await World.CreateAsync();
        var forms = new List<(string Action, Who[] Refused)>();
        foreach (var (route, expected) in Table.Where(t => t.Expected[(int)Who.Applicant] == No))
        {
            var page = await world.Browser(Who.Admin).GetAsync(world.Fill(route));
            var refused = Enum.GetValues<Who>().Where(w => w != Who.Anonymous && expected[(int)w] == No).ToArray();
            forms.AddRange(page.Document.QuerySelectorAll("main form")
                .Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase))
                .Select(f => (f.GetAttribute("action") is { Length: > 0 } a ? a : world.Fill(route), refused)));
        }

        Assert.True(forms.Count >= 4, $"expected the review and admin pages to offer their forms, found {forms.Count}");
        var before = await world.SnapshotAsync();
        var deniedBefore = await world.CountDenialsAsync();
        var failures = new List<string>();
        var expectedDenials = 0;
        foreach (var (action, refused) in forms.Distinct())
        {
            foreach (var who in refused)
            {
                var answer = await world.Browser(who).PostAsync(action, await world.TokenFieldsAsync(who));
                expectedDenials++;
                if (answer.Status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{who} POST {action}: expected 403, got {(int)answer.Status}");
                }
            }

            var anonymous = await world.Browser(Who.Anonymous).PostAsync(action, await world.TokenFieldsAsync(Who.Anonymous));
            if (Classify(anonymous) is not (Answer.SignIn or Answer.Forbidden) && anonymous.Status != HttpStatusCode.BadRequest)
            {
                failures.Add($"anonymous POST {action}: expected sign-in, 400 or 403, got {(int)anonymous.Status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await world.SnapshotAsync());
        Assert.Equal(deniedBefore + expectedDenials, await world.CountDenialsAsync());
    }

    [Fact]
    public async Task EveryPageEveryRoleMayOpen_EveryField_HasALabelAndEveryErrorIsTiedToItsField()
    {
        await using var world = await World.CreateAsync();
        var failures = new List<string>();
        var fields = 0;

        foreach (var (route, expected) in Table)
        {
            foreach (var who in Enum.GetValues<Who>().Where(w => expected[(int)w] == Ok))
            {
                var path = world.Fill(route);
                var page = await world.Browser(who).GetAsync(path);
                if (page.Response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                foreach (var field in page.Document.QuerySelectorAll("input:not([type=hidden]):not([type=submit]), select, textarea"))
                {
                    fields++;
                    var id = field.GetAttribute("id");
                    var labelled = (id is not null && page.Document.QuerySelector($"label[for='{id}']") is not null)
                        || field.Closest("label") is not null || field.HasAttribute("aria-label") || field.HasAttribute("aria-labelledby");
                    if (!labelled)
                    {
                        failures.Add($"{who} {path}: field '{field.GetAttribute("name")}' has no label");
                    }
                }
            }
        }

        // A form answered with errors ties each to its field (aria-invalid + aria-describedby naming the message).
        var refused = await world.Browser(Who.Anonymous).SubmitAsync("/register", new Dictionary<string, string> { ["email"] = "not an address", ["password"] = "short" });
        var invalid = refused.Document.QuerySelectorAll("[aria-invalid=true]");
        Assert.NotEmpty(invalid);
        foreach (var field in invalid)
        {
            var described = field.GetAttribute("aria-describedby")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            Assert.Contains(described, d => refused.Document.GetElementById(d) is { TextContent.Length: > 0 });
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(fields >= 40, $"only {fields} fields were checked: the pages did not render their forms");
    }

    private static Answer Classify(ConsoleBrowser.Page page) => page.Status switch
    {
        HttpStatusCode.OK => Answer.Ok,
        HttpStatusCode.Forbidden => Answer.Forbidden,
        HttpStatusCode.NotFound => Answer.NotFound,
        HttpStatusCode.Redirect or HttpStatusCode.Found when page.Location?.Contains("/login", StringComparison.Ordinal) == true => Answer.SignIn,
        HttpStatusCode.Redirect => Answer.Ok, // e.g. a signed-in user sent on from /login
        _ => (Answer)(-1),
    };

    /// <summary>A console with an applicant (verified, one open application, a key), a reviewer and an admin, each signed in.</summary>
    private sealed class World : IAsyncDisposable
    {
        private readonly ConsoleSite _site;
        private readonly Dictionary<Who, ConsoleBrowser> _browsers = [];

        private World(ConsoleSite site) => _site = site;

        public Tiergate.Testing.Gateway.GatewayHost Host => _site.Host;

        public long ApplicationId { get; private set; }

        public long ApplicantUserId { get; private set; }

        public long AlertId { get; private set; }

        public static async Task<World> CreateAsync()
        {
            var world = new World(await ConsoleSite.StartAsync());
            var admin = world._site.Host.Admin;
            var emails = new Dictionary<Who, string>();
            foreach (var who in new[] { Who.Applicant, Who.Reviewer, Who.Admin })
            {
                var email = ConsoleSite.NewEmail();
                await world._site.RegisterVerifiedAsync(email);
                await admin.Users.SetRoleAsync(email, who switch { Who.Reviewer => UserRole.Reviewer, Who.Admin => UserRole.Admin, _ => UserRole.Applicant }, Actor);
                emails[who] = email;
            }

            var applicant = await admin.Users.RecordIdentityCheckAsync(emails[Who.Applicant], IdentityLevel.Verified, "document", "passport", Actor);
            world.ApplicantUserId = applicant.Id;
            var application = await admin.Applications.SubmitAsync(new ApplicationRequest(emails[Who.Applicant], "safety-research", "Evaluating refusals for our red-team report.", "Example University", [], [0]), Actor);
            world.ApplicationId = application.Id;
            var key = await admin.Keys.CreateAsync(emails[Who.Applicant], null, [], Actor);

            // Responses to alerts, one pending (key_sharing: suspend-key, confirm) and one active (rate_spike: throttle), so /responses offers its forms.
            var tier = world.Host.Policy.TiersByName["safety-research"];
            foreach (var detector in new[] { "key_sharing", "rate_spike" })
            {
                var alert = await world.Host.Service<AlertStore>().RaiseAsync(new NewAlert(detector, applicant.Id, key.Id, tier.Name, AlertSeverity.Medium, new Dictionary<string, string>()));
                world.AlertId = alert.Id;
                Assert.Single(await world.Host.Service<ResponseStore>().ForAlertAsync(alert, applicant.Id, key.Id, tier));
            }

            world._browsers[Who.Anonymous] = world._site.Browser();
            foreach (var (who, email) in emails)
            {
                world._browsers[who] = await world._site.SignedInAsync(email);
            }

            return world;
        }

        public ConsoleBrowser Browser(Who who) => _browsers[who];

        public string Fill(string route) => route
            .Replace("{application}", ApplicationId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{applicantUser}", ApplicantUserId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{alert}", AlertId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

        /// <summary>This visitor's own antiforgery token, as a form would carry it (from a page they may open).</summary>
        public async Task<Dictionary<string, string>> TokenFieldsAsync(Who who)
        {
            var page = await Browser(who).GetAsync(who == Who.Anonymous ? "/login" : "/account");
            var token = page.Document.QuerySelector("input[name=__af]")?.GetAttribute("value") ?? throw new InvalidOperationException("no antiforgery token on the page");
            return new Dictionary<string, string> { ["__af"] = token, ["reason"] = "matrix", ["role"] = "admin", ["level"] = "affiliated", ["method"] = "document", ["evidence"] = "x", ["to"] = "resolved", ["unmask_reason"] = "matrix" };
        }

        /// <summary>Everything a refused action could have changed: roles, identity levels, applications, decisions, grants, keys.</summary>
        public async Task<string> SnapshotAsync()
        {
            await using var db = _site.Host.Store.Database.CreateContext();
            var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => $"{u.Id}:{u.Role}:{u.IdentityLevel}").ToListAsync();
            var applications = await db.Set<ApplicationEntity>().AsNoTracking().OrderBy(a => a.Id).Select(a => $"{a.Id}:{a.Status}").ToListAsync();
            var decisions = await db.Set<ApplicationDecisionEntity>().AsNoTracking().CountAsync();
            var grants = (await db.Grants.AsNoTracking().OrderBy(g => g.Id).ToListAsync()).Select(g => $"{g.Id}:{g.RevokedAt}");
            var keys = (await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync()).Select(k => $"{k.Id}:{k.RevokedAt}");
            var responses = await db.Set<ResponseEntity>().AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.Status}").ToListAsync();
            var alerts = (await db.Set<AlertEntity>().AsNoTracking().OrderBy(a => a.Id).ToListAsync()).Select(a => $"{a.Id}:{a.Status}:{a.UnmaskedAt}");
            return string.Join("|", users.Concat(applications).Append($"decisions:{decisions}").Concat(grants).Concat(keys).Concat(responses).Concat(alerts));
        }

        public async Task<int> CountDenialsAsync()
        {
            await using var db = _site.Host.Store.Database.CreateContext();
            return await db.Set<AuditRecordEntity>().AsNoTracking().CountAsync(r => r.Action == "console.access" && r.Outcome == "denied");
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var browser in _browsers.Values)
            {
                browser.Dispose();
            }

            await _site.DisposeAsync();
        }
    }
}
