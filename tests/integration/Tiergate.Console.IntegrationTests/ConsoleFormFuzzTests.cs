using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using FsCheck;
using FsCheck.Fluent;
using Tiergate.Core.Vetting;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Vetting;

namespace Tiergate.Console.IntegrationTests;

/// <summary>
/// The console's input surface in the fuzz and abuse suite: every form of every page (account, applications, keys,
/// review, alerts, admin), each posted by the role that may use it, with generated hostile values in every field (over-long,
/// control and bidi characters, NUL, markup and script, numbers out of range, other users' ids, repeated or missing
/// fields). Invariants: never a 5xx, never the input's markup rendered live (no inline script or event attribute on
/// any answer), and the console still answers afterwards. A failure prints the case's seed.
/// Set TIERGATE_FUZZ_CASES for a longer run than CI's.
/// </summary>
public sealed class ConsoleFormFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("TIERGATE_FUZZ_CASES"), out var n) ? Math.Min(n, 2000) : 150;

    /// <summary>Pieces that hostile values are made of.</summary>
    private static readonly string[] Pieces =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "' OR 1=1 --", "\0", "\u202e", "\u200b",
        "\r\n", "\t", "%00", "../../etc/passwd", "{{7*7}}", "@(1+1)", "\uFFFF", "\uD800", "é", "ß", "數", "🙂", "-1", "0", "99999999999999999999",
        "2147483648", "1e309", "NaN", "127.0.0.1/33", "::/0", "0.0.0.0/0", "https://example.org/a", "http://[::1]:0/", "safety-research", "admin",
        "verified", "affiliated", "general", "1", "2", "999999", "true", "on", " ",
    ];

    [Fact]
    public async Task EveryForm_HostileValues_NeverA5xxNeverLiveMarkupAndTheConsoleStillAnswers()
    {
        await using var site = await ConsoleSite.StartAsync();
        var forms = await FormsAsync(site);
        Assert.True(forms.Count >= 15, $"expected the console's forms, found {forms.Count}: {string.Join(", ", forms.Select(f => f.Action))}");
        await FuzzAsync(forms, 400);
    }

    /// <summary>The applicant's identity page with both vendors and affiliation by address configured: start a vendor session, confirm affiliation.</summary>
    [Fact]
    public async Task IdentityForms_HostileValues_NeverA5xxNeverLiveMarkupAndTheConsoleStillAnswers()
    {
        await using var identity = await IdentityVendorSite.StartAsync(["example.org"]);
        var (applicant, _, _) = await identity.ApplicantAsync();
        var forms = await FormsOnAsync([(applicant, "/identity"), (applicant, "/identity/return?vendor=stripe&session=x")]);
        Assert.True(forms.Count >= 3, $"expected both vendors' forms and the affiliation form, found {forms.Count}: {string.Join(", ", forms.Select(f => f.Action))}");
        await FuzzAsync(forms, 404); // vendor_not_configured: a vendor that is not one of the configured two
    }

    /// <summary>Posts hostile values to the forms; <paramref name="refused"/> is the status some case must get, proof the checks were reached.</summary>
    private async Task FuzzAsync(List<FuzzForm> forms, int refused)
    {
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();

        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var form = forms[random.Next(forms.Count)];
            var fields = Hostile(form, random);
            var answer = Task.Run(() => form.Browser.PostAsync(form.Action, fields)).GetAwaiter().GetResult();
            statuses.AddOrUpdate((int)answer.Status, 1, (_, c) => c + 1);
            var where = $"seed {seed}: POST {form.Action} {string.Join("&", fields.Select(f => f.Key + "=" + Escape(f.Value)))}";
            Assert.True((int)answer.Status < 500, $"{(int)answer.Status} for {where}");
            var live = answer.Document.QuerySelectorAll("script:not([src]), [onerror], [onload], [onclick]").Length
                + answer.Document.QuerySelectorAll("a[href^='javascript:' i], [src^='javascript:' i]").Length;
            Assert.True(live == 0, $"live markup in the answer to {where}");
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);

        output.WriteLine($"{Cases} cases over {forms.Count} forms: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(statuses.ContainsKey(refused), $"no case was refused with {refused}: the generator did not reach the checks");
        foreach (var form in forms.Select(f => f.Browser).Distinct())
        {
            Assert.Equal(HttpStatusCode.OK, (await form.GetAsync("/")).Status);
        }
    }

    private sealed record FuzzForm(ConsoleBrowser Browser, string Action, IReadOnlyDictionary<string, string> Hidden, IReadOnlyList<string> Fields);

    /// <summary>Each field gets a hostile value, sometimes the hidden ones too; some fields are left out.</summary>
    private static List<KeyValuePair<string, string>> Hostile(FuzzForm form, Random random)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in form.Hidden)
        {
            fields.Add(new(name, name == "__af" || random.Next(3) > 0 ? value : Value(random)));
        }

        foreach (var name in form.Fields)
        {
            var choice = random.Next(10);
            if (choice == 0)
            {
                continue; // missing
            }

            fields.Add(new(name, Value(random)));
            if (choice == 1)
            {
                fields.Add(new(name, Value(random))); // repeated
            }
        }

        return fields;
    }

    private static string Value(Random random)
    {
        if (random.Next(12) == 0)
        {
            return new string('A', random.Next(2_000, 70_000)); // over every bound
        }

        var text = new StringBuilder();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }

    private static string Escape(string value) => value.Length > 80 ? $"<{value.Length} chars>" : Uri.EscapeDataString(value);

    /// <summary>The forms of every page, as the role that may use each sees them, with a pending application and a key in place.</summary>
    private static async Task<List<FuzzForm>> FormsAsync(ConsoleSite site)
    {
        var (applicantEmail, applicant) = await VettingPeople.SignedInAsync(site, UserRole.Applicant);
        var (reviewerEmail, reviewer) = await VettingPeople.SignedInWithMfaAsync(site, UserRole.Reviewer);
        await site.Host.Admin.Users.SetPrivacyPermissionAsync(reviewerEmail, true, "test"); // so that the unmask form is offered too
        var (_, admin) = await VettingPeople.SignedInWithMfaAsync(site, UserRole.Admin);
        var user = await site.Host.Admin.Users.RecordIdentityCheckAsync(applicantEmail, Core.Policy.IdentityLevel.Verified, "document", "passport", "test");
        var application = await site.Host.Admin.Applications.SubmitAsync(new ApplicationRequest(applicantEmail, "safety-research", "Red-team evaluation.", null, [], [0]), "test");
        var key = await site.Host.Admin.Keys.CreateAsync(applicantEmail, null, [], "test");
        var tier = site.Host.Policy.TiersByName["safety-research"];
        foreach (var detector in new[] { "key_sharing", "rate_spike" })
        {
            var alert = await site.Host.Service<AlertStore>().RaiseAsync(new(detector, user.Id, key.Id, tier.Name, AlertSeverity.Low, new Dictionary<string, string>()));
            await site.Host.Service<Tiergate.Storage.Responses.ResponseStore>().ForAlertAsync(alert, user.Id, key.Id, tier);
        }

        var masked = await site.Host.Service<AlertStore>().RaiseAsync(new NewAlert("rate_spike", user.Id, null, "safety-research", AlertSeverity.High, new Dictionary<string, string> { ["x"] = "1" }) { Masked = true });
        var anonymous = site.Browser();
        var pages = new (ConsoleBrowser Browser, string Path)[]
        {
            (anonymous, "/register"), (anonymous, "/login"), (anonymous, "/forgot"), (anonymous, "/reset?token=x"), (anonymous, "/verify?token=x"),
            (applicant, "/account"), (applicant, "/step-up?returnUrl=%2Fkeys"), (applicant, "/applications/new?tier=safety-research"),
            (applicant, $"/applications/{application.Id.ToString(CultureInfo.InvariantCulture)}"), (applicant, "/keys"),
            (reviewer, $"/review/{application.Id.ToString(CultureInfo.InvariantCulture)}"),
            (reviewer, "/alerts"), (reviewer, $"/alerts/{masked.Id.ToString(CultureInfo.InvariantCulture)}"),
            (admin, "/admin/users"), (admin, $"/admin/users/{user.Id.ToString(CultureInfo.InvariantCulture)}"), (admin, "/admin/grants"),
            (reviewer, "/responses"),
        };
        return await FormsOnAsync(pages);
    }

    /// <summary>The forms in the main part of each page (sign-out aside), with their hidden values and field names.</summary>
    private static async Task<List<FuzzForm>> FormsOnAsync(IEnumerable<(ConsoleBrowser Browser, string Path)> pages)
    {
        var forms = new List<FuzzForm>();
        foreach (var (browser, path) in pages)
        {
            var page = await browser.GetAsync(path);
            foreach (var form in page.Document.QuerySelectorAll("main form").Where(f => !string.Equals(f.GetAttribute("action"), "/logout", StringComparison.Ordinal)))
            {
                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : path;
                var hidden = form.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") is not null)
                    .GroupBy(i => i.GetAttribute("name")!).ToDictionary(g => g.Key, g => g.First().GetAttribute("value") ?? "");
                var fields = form.QuerySelectorAll("input:not([type=hidden]), textarea, select").Select(Name).OfType<string>().Distinct().ToList();
                forms.Add(new FuzzForm(browser, action, hidden, fields));
            }
        }

        return forms;
    }

    private static string? Name(IElement element) => element.GetAttribute("name");
}
