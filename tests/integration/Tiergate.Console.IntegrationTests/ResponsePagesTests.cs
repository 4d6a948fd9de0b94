using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenAI;
using OpenAI.Chat;
using OtpNet;
using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;
using Tiergate.Server.Responses;
using Tiergate.Storage.Accounts.Mfa;
using Tiergate.Storage.Alerts;
using Tiergate.Storage.Audit;
using Tiergate.Storage.Responses;

namespace Tiergate.Console.IntegrationTests;

/// <summary>
/// Issue 15, point 5, where the console takes part: require-reauth is cleared by signing in to the console with the
/// second factor (or a step-up), notify mails the reviewers, and reviewers confirm and reverse responses on /responses.
/// The gateway is called with the official OpenAI client on the same server.
/// </summary>
public sealed class ResponsePagesTests
{
    [Fact]
    public async Task RequireReauth_ConsoleSignInWithPasswordAndTotp_KeysWorkAgainAndResponseDone()
    {
        await using var site = await ConsoleSite.StartAsync();
        var researcher = await ResearcherAsync(site, "safety-research");
        Assert.Null(await CallAsync(site, researcher.Key, "reduced-refusal"));

        var response = await FireAsync(site, researcher, "impossible_travel", "safety-research");
        Assert.Equal(("require-reauth", ResponseStatus.Active), (response.Action, response.Status));
        Assert.Equal((401, "reauthentication_required"), await CallAsync(site, researcher.Key, "reduced-refusal"));

        using var browser = site.Browser();
        var password = await browser.SubmitAsync("/login", AccountFlowTests.Form(researcher.Email, ConsoleSite.Password));
        Assert.Equal("/login/mfa", password.Location);
        Assert.Equal((401, "reauthentication_required"), await CallAsync(site, researcher.Key, "reduced-refusal")); // the password alone is not enough
        var code = TotpAlgorithm.Compute(Base32Encoding.ToBytes(researcher.TotpSecret), DateTimeOffset.UtcNow);
        var proved = await browser.SubmitAsync("/login/mfa", new Dictionary<string, string> { ["code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, proved.Status);

        Assert.Null(await CallAsync(site, researcher.Key, "reduced-refusal"));
        Assert.Equal(ResponseStatus.Done, (await Store(site).ListAsync(alertId: response.AlertId)).Single().Status);
        Assert.Contains(await AuditAsync(site, "response.reauthenticated"), r => r.Subject == Subject(response) && r.Outcome == "ok" && r.Details!.Contains("totp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequireReauth_StepUpWithTotpInAnOpenSession_KeysWorkAgain()
    {
        await using var site = await ConsoleSite.StartAsync();
        var researcher = await ResearcherAsync(site, "safety-research", signInBeforeMfa: true);
        var response = await FireAsync(site, researcher, "impossible_travel", "safety-research");
        Assert.Equal((401, "reauthentication_required"), await CallAsync(site, researcher.Key, "reduced-refusal"));

        var code = TotpAlgorithm.Compute(Base32Encoding.ToBytes(researcher.TotpSecret), DateTimeOffset.UtcNow);
        var stepped = await researcher.Browser!.SubmitAsync("/step-up?returnUrl=%2Fkeys", new Dictionary<string, string> { ["code"] = code });

        Assert.Equal("/keys", stepped.Location);
        Assert.Null(await CallAsync(site, researcher.Key, "reduced-refusal"));
        Assert.Contains(await AuditAsync(site, "response.reauthenticated"), r => r.Subject == Subject(response) && r.Outcome == "ok");
    }

    [Fact]
    public async Task OutsidePurpose_NotifyMailsReviewersAndReviewerConfirmsThenReversesGrantSuspensionOnTheConsole()
    {
        await using var site = await ConsoleSite.StartAsync();
        var (reviewerEmail, reviewer) = await VettingPeople.SignedInWithMfaAsync(site, UserRole.Reviewer);
        var researcher = await ResearcherAsync(site, "medical-research");
        Assert.Null(await CallAsync(site, researcher.Key, "bio-research"));

        // medical-research: outside_purpose → notify (automatic) and suspend-grant (confirm).
        var (alert, made) = await FireAllAsync(site, researcher, "outside_purpose", "medical-research");
        var mail = await site.Smtp.WaitForAsync(reviewerEmail, $"Tiergate alert {alert.Id.ToString(CultureInfo.InvariantCulture)}");
        Assert.DoesNotContain(researcher.Email, mail.TextBody, StringComparison.Ordinal);
        Assert.Equal([("notify", ResponseStatus.Done), ("suspend-grant", ResponseStatus.Pending)], made.Select(r => (r.Action, r.Status)).OrderBy(r => r.Action).ToList());
        Assert.Null(await CallAsync(site, researcher.Key, "bio-research")); // pending: no effect yet
        var suspension = made.Single(r => r.Action == "suspend-grant");

        var page = await reviewer.GetAsync($"/responses?alert={alert.Id.ToString(CultureInfo.InvariantCulture)}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector($"#pending tr[data-response='{suspension.Id.ToString(CultureInfo.InvariantCulture)}']"));
        var noReason = await reviewer.SubmitAsync(page, "/responses", new Dictionary<string, string> { ["reason"] = "" }, "#pending form[action*='Confirm']");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Null(await CallAsync(site, researcher.Key, "bio-research"));

        var confirmed = await reviewer.SubmitAsync(page, "/responses", new Dictionary<string, string> { ["reason"] = "Chemistry prompts on a medical grant." }, "#pending form[action*='Confirm']");
        Assert.Equal(HttpStatusCode.Redirect, confirmed.Status);
        Assert.Equal((403, "grant_suspended"), await CallAsync(site, researcher.Key, "bio-research"));

        var active = await reviewer.GetAsync("/responses");
        var reversed = await reviewer.SubmitAsync(active, "/responses", new Dictionary<string, string> { ["reason"] = "Explained: a toxicology study." }, "#active form[action*='Reverse']");
        Assert.Equal(HttpStatusCode.Redirect, reversed.Status);
        Assert.Null(await CallAsync(site, researcher.Key, "bio-research"));
        Assert.Contains("is reversed", (await reviewer.GetAsync(reversed.Location!)).Main, StringComparison.Ordinal);

        var audit = await AuditAsync(site, "response.confirm");
        Assert.Contains(audit, r => r.Subject == Subject(suspension) && r.Outcome == "ok" && r.Actor.StartsWith("user:", StringComparison.Ordinal));
        Assert.Contains(audit, r => r.Subject == Subject(suspension) && r.Outcome == "denied");
        Assert.Contains(await AuditAsync(site, "response.reverse"), r => r.Subject == Subject(suspension) && r.Outcome == "ok");
        Assert.Contains(await AuditAsync(site, "response.notify"), r => r.Outcome == "ok");
    }

    private sealed record Researcher(string Email, long UserId, string Key, string KeyId, string TotpSecret, ConsoleBrowser? Browser);

    /// <summary>A registered user with the tier, TOTP and a key; optionally signed in (password only) before TOTP was enrolled, so the session can step up.</summary>
    private static async Task<Researcher> ResearcherAsync(ConsoleSite site, string tier, bool signInBeforeMfa = false)
    {
        var email = ConsoleSite.NewEmail();
        await site.RegisterVerifiedAsync(email);
        var browser = signInBeforeMfa ? await site.SignedInAsync(email) : null;
        var user = await site.Host.Admin.Users.RecordIdentityCheckAsync(email, IdentityLevel.Affiliated, "document", "passport", "test");
        await site.Host.Admin.Grants.AddAsync(email, tier, null, "test");
        var (_, _, enrolment) = await site.Host.Admin.Mfa.EnrolTotpForAsync(email, "test");
        var key = await site.Host.Admin.Keys.CreateAsync(email, 7, ["127.0.0.0/8", "::1"], "test");
        return new Researcher(email, user.Id, key.Key, key.Id, enrolment.Secret, browser);
    }

    private static async Task<ResponseView> FireAsync(ConsoleSite site, Researcher researcher, string detector, string tier) =>
        Assert.Single((await FireAllAsync(site, researcher, detector, tier)).Responses);

    /// <summary>Raises an alert and applies the tier's responses, as the monitor subscriber does.</summary>
    private static async Task<(AlertView Alert, IReadOnlyList<ResponseView> Responses)> FireAllAsync(ConsoleSite site, Researcher researcher, string detector, string tier)
    {
        var alert = await site.Host.Service<AlertStore>().RaiseAsync(new NewAlert(detector, researcher.UserId, researcher.KeyId, tier, AlertSeverity.High, new Dictionary<string, string>()));
        await site.Host.Service<AlertResponses>().ApplyAsync(alert, researcher.UserId, researcher.KeyId, site.Host.Policy.TiersByName[tier], CancellationToken.None);
        return (alert, await Store(site).ListAsync(alertId: alert.Id));
    }

    private static ResponseStore Store(ConsoleSite site) => site.Host.Service<ResponseStore>();

    private static async Task<(int Status, string? Code)?> CallAsync(ConsoleSite site, string key, string variant)
    {
        var client = new ChatClient(variant, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = site.Host.OpenAiEndpoint, RetryPolicy = new ClientRetryPolicy(0) });
        try
        {
            await client.CompleteChatAsync([new UserChatMessage("Say hello")]);
            return null;
        }
        catch (ClientResultException e)
        {
            var body = e.GetRawResponse()?.Content.ToString();
            return (e.Status, body is { Length: > 0 } ? (string?)JsonNode.Parse(body)?["error"]?["code"] : null);
        }
    }

    private static async Task<List<AuditRecordEntity>> AuditAsync(ConsoleSite site, string action)
    {
        await using var db = site.Host.Store.Database.CreateContext();
        return await db.Set<AuditRecordEntity>().AsNoTracking().Where(r => r.Action == action).ToListAsync();
    }

    private static string Subject(ResponseView response) => $"response:{response.Id.ToString(CultureInfo.InvariantCulture)}";
}
