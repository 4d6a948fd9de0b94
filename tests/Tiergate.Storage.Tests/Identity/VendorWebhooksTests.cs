using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Identity;
using Tiergate.Core.Identity.Vendors;
using Tiergate.Storage.Identity;
using Tiergate.Storage.Identity.Vendors;
using Tiergate.Storage.Tests.Accounts;
using Tiergate.Testing.Identity;
using Tiergate.Testing.Storage;

namespace Tiergate.Storage.Tests.Identity;

/// <summary>
/// Webhook processing against doubles of the verification records and the identifier graph, a real processed-event
/// table (SQLite) and a stubbed vendor API: what each signed event records, and that every refusal changes nothing.
/// </summary>
public sealed class VendorWebhooksTests : IAsyncLifetime
{
    private const long UserId = 41;
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly RecordingAuditLog _audit = new();
    private readonly InMemoryIdentifierGraph _graph = new();
    private readonly StubStripe _stripeApi = new();
    private InMemoryIdentityVerifications _records = null!;
    private TestStore _store = null!;
    private VendorWebhooks _webhooks = null!;

    public async Task InitializeAsync()
    {
        _store = await TestStore.CreateAsync(TestStore.Sqlite);
        _records = new InMemoryIdentityVerifications(_time);
        var options = new IdentityVendorOptions(
            new StripeVendorOptions(new Uri("https://stripe.test"), "sk_test", "whsec_test"),
            new PersonaVendorOptions(new Uri("https://persona.test"), "persona_key", "wbhsec_test", "itmpl_1"),
            730, AffiliationDomains.None, true);
        _webhooks = new VendorWebhooks(options, _records, _graph, new WebhookEventLog(_store.Database, _time),
            new StripeIdentityClient(new HttpClient(_stripeApi), options.Stripe!), _audit, _time);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    [Fact]
    public async Task HandleAsync_StripeVerified_RecordsVerifiedWithExpiryAndAttachesTheDocument()
    {
        await StartedAsync(VendorNames.StripeMethod, "vs_1");
        _stripeApi.Document = ("passport", "GB", "123456789");

        var answer = await StripeAsync(VendorFixtures.StripeEvent("evt_1", "identity.verification_session.verified", "vs_1", UserId));

        Assert.Equal((200, "verified"), (answer.Status, answer.Outcome));
        var record = Assert.Single(_records.All);
        Assert.Equal(("identity", "stripe_identity", "verified", "vs_1", true), (record.Kind, record.Method, record.Outcome, record.VendorReference, record.Valid));
        Assert.Equal(Now.AddDays(730), record.ExpiresAt);
        Assert.Contains("passport", record.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain("123456789", record.Evidence, StringComparison.Ordinal);
        Assert.Equal((UserId, IdentifierKind.Document, "GB:123456789", "stripe_identity"), Assert.Single(_graph.Attached));
        Assert.Contains("expand[]=last_verification_report.document.number", _stripeApi.LastQuery, StringComparison.Ordinal);
        Assert.Equal("Bearer sk_test", _stripeApi.LastAuthorization);
    }

    [Fact]
    public async Task HandleAsync_DocumentOnAnotherAccount_RecordsRefusedNotVerified()
    {
        await _graph.AttachAsync(99, IdentifierKind.Document, "GB:123456789", "test", "test");
        await StartedAsync(VendorNames.StripeMethod, "vs_2");
        _stripeApi.Document = ("passport", "GB", "123456789");

        var answer = await StripeAsync(VendorFixtures.StripeEvent("evt_2", "identity.verification_session.verified", "vs_2", UserId));

        Assert.Equal("refused", answer.Outcome);
        var record = Assert.Single(_records.All);
        Assert.Equal(("refused", false), (record.Outcome, record.Valid));
        Assert.Contains("document_in_use", record.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_PersonaApprovedWithBannedDocument_RecordsRefused()
    {
        _graph.Ban(IdentifierKind.Document, "DE:X1234567");
        await StartedAsync(VendorNames.PersonaMethod, "inq_1");

        var answer = await PersonaAsync(VendorFixtures.PersonaEvent("evt_p1", "inquiry.approved", "inq_1", "41", "X1234567", "DE"));

        Assert.Equal("refused", answer.Outcome);
        Assert.Contains("identifier_banned", Assert.Single(_records.All).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_PersonaApproved_VerifiedFromTheIncludedVerification()
    {
        await StartedAsync(VendorNames.PersonaMethod, "inq_2");

        var answer = await PersonaAsync(VendorFixtures.PersonaEvent("evt_p2", "inquiry.approved", "inq_2", "41", "X1234567", "DE"));

        Assert.Equal("verified", answer.Outcome);
        Assert.Equal((UserId, IdentifierKind.Document, "DE:X1234567", "persona"), Assert.Single(_graph.Attached));
    }

    [Theory]
    [InlineData("identity.verification_session.requires_input", "document_unverified_other")]
    [InlineData("identity.verification_session.canceled", null)]
    public async Task HandleAsync_StripeRequiresInputOrCanceled_RecordsFailedWithTheCode(string type, string? code)
    {
        await StartedAsync(VendorNames.StripeMethod, "vs_3");

        var answer = await StripeAsync(VendorFixtures.StripeEvent("evt_3", type, "vs_3", UserId, code));

        Assert.Equal("failed", answer.Outcome);
        var record = Assert.Single(_records.All);
        Assert.Equal("failed", record.Outcome);
        Assert.Contains(code ?? "canceled", record.Evidence, StringComparison.Ordinal);
        Assert.Empty(_graph.Attached);
    }

    [Fact]
    public async Task HandleAsync_FailureAfterVerified_FinalAndKeepsVerified()
    {
        await StartedAsync(VendorNames.StripeMethod, "vs_4");
        await StripeAsync(VendorFixtures.StripeEvent("evt_4a", "identity.verification_session.verified", "vs_4", UserId));

        var late = await StripeAsync(VendorFixtures.StripeEvent("evt_4b", "identity.verification_session.canceled", "vs_4", UserId));

        Assert.Equal((200, IdentityErrors.VerificationFinal, "verified"), (late.Status, late.Error, late.Outcome));
        Assert.Equal("verified", Assert.Single(_records.All).Outcome);
    }

    [Fact]
    public async Task HandleAsync_SameEventTwice_SecondIsADuplicateAndChangesNothing()
    {
        await StartedAsync(VendorNames.StripeMethod, "vs_5");
        var body = VendorFixtures.StripeEvent("evt_5", "identity.verification_session.requires_input", "vs_5", UserId, "abandoned");
        await StripeAsync(body);
        var before = Assert.Single(_records.All);
        _time.Advance(TimeSpan.FromSeconds(30));

        var again = await StripeAsync(body);

        Assert.Equal((200, VendorErrors.WebhookDuplicate), (again.Status, again.Error));
        Assert.Equal(before, Assert.Single(_records.All));
        Assert.Contains(_audit.Events, e => e.Action == "identity.webhook" && e.Outcome == "denied" && e.Details!["reason"] == "webhook_duplicate");
    }

    [Fact]
    public async Task HandleAsync_BadSignature_401AuditedAndNothingRecorded()
    {
        await StartedAsync(VendorNames.StripeMethod, "vs_6");
        var body = Encoding.UTF8.GetBytes(VendorFixtures.StripeEvent("evt_6", "identity.verification_session.verified", "vs_6", UserId));

        var answer = await _webhooks.HandleAsync(VendorNames.Stripe, body, WebhookSignature.Header(Now.ToUnixTimeSeconds(), body, "whsec_wrong"));

        Assert.Equal((401, VendorErrors.WebhookSignatureInvalid), (answer.Status, answer.Error));
        Assert.Equal("pending", Assert.Single(_records.All).Outcome);
        var denied = Assert.Single(_audit.Events, e => e.Action == "identity.webhook");
        Assert.Equal(("denied", "webhook_signature_invalid"), (denied.Outcome, denied.Details!["reason"]));
        Assert.DoesNotContain(denied.Details.Values, v => v.Contains("vs_6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_SignedSixMinutesAgo_StaleAndNothingRecorded()
    {
        await StartedAsync(VendorNames.StripeMethod, "vs_7");
        var body = Encoding.UTF8.GetBytes(VendorFixtures.StripeEvent("evt_7", "identity.verification_session.verified", "vs_7", UserId));

        var answer = await _webhooks.HandleAsync(VendorNames.Stripe, body, WebhookSignature.Header(Now.AddMinutes(-6).ToUnixTimeSeconds(), body, "whsec_test"));

        Assert.Equal((401, VendorErrors.WebhookTimestampStale), (answer.Status, answer.Error));
        Assert.Equal("pending", Assert.Single(_records.All).Outcome);
    }

    [Fact]
    public async Task HandleAsync_UnknownSession_404AndNoEventClaimed()
    {
        var answer = await StripeAsync(VendorFixtures.StripeEvent("evt_8", "identity.verification_session.verified", "vs_unknown", UserId));

        Assert.Equal((404, VendorErrors.WebhookUnknownSession), (answer.Status, answer.Error));
        Assert.Empty(_records.All);
        Assert.False(await new WebhookEventLog(_store.Database, _time).ExistsAsync(VendorNames.Stripe, "evt_8"));
    }

    [Fact]
    public async Task HandleAsync_SignedButNotJson_400()
    {
        var answer = await StripeAsync("{not json");

        Assert.Equal((400, VendorErrors.WebhookMalformed), (answer.Status, answer.Error));
    }

    [Fact]
    public async Task HandleAsync_VendorApiDown_502AndTheRetryIsProcessed()
    {
        await StartedAsync(VendorNames.StripeMethod, "vs_9");
        var body = VendorFixtures.StripeEvent("evt_9", "identity.verification_session.verified", "vs_9", UserId);
        _stripeApi.Status = HttpStatusCode.InternalServerError;

        var failed = await StripeAsync(body);
        _stripeApi.Status = HttpStatusCode.OK;
        var retried = await StripeAsync(body);

        Assert.Equal((502, VendorErrors.VendorUnavailable), (failed.Status, failed.Error));
        Assert.Equal("verified", retried.Outcome);
    }

    [Fact]
    public async Task HandleAsync_VendorNotConfigured_404()
    {
        var webhooks = new VendorWebhooks(IdentityVendorOptions.None, _records, null, new WebhookEventLog(_store.Database, _time), null, _audit, _time);
        var body = Encoding.UTF8.GetBytes("{}");

        var answer = await webhooks.HandleAsync(VendorNames.Persona, body, WebhookSignature.Header(Now.ToUnixTimeSeconds(), body, "anything"));

        Assert.Equal((404, VendorErrors.VendorNotConfigured), (answer.Status, answer.Error));
    }

    private Task<VerificationView> StartedAsync(string method, string reference) =>
        _records.RecordAsync(UserId, new NewVerification(VerificationKind.Identity, method, VerificationOutcome.Pending, "started", reference), "user:41");

    private Task<WebhookAnswer> StripeAsync(string body) => SignedAsync(VendorNames.Stripe, body, "whsec_test");

    private Task<WebhookAnswer> PersonaAsync(string body) => SignedAsync(VendorNames.Persona, body, "wbhsec_test");

    private Task<WebhookAnswer> SignedAsync(string vendor, string body, string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return _webhooks.HandleAsync(vendor, bytes, WebhookSignature.Header(_time.GetUtcNow().ToUnixTimeSeconds(), bytes, secret));
    }

    /// <summary>Stripe's retrieve-session endpoint, answering the expanded session with <see cref="Document"/>.</summary>
    private sealed class StubStripe : HttpMessageHandler
    {
        public (string Type, string Country, string Number)? Document { get; set; }

        public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

        public string LastQuery { get; private set; } = "";

        public string LastAuthorization { get; private set; } = "";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastQuery = Uri.UnescapeDataString(request.RequestUri!.Query);
            LastAuthorization = request.Headers.Authorization?.ToString() ?? "";
            var id = request.RequestUri.AbsolutePath.Split('/')[^1];
            var session = VendorFixtures.StripeExpandedSession(id, UserId, Document?.Type, Document?.Country, Document?.Number);
            return Task.FromResult(new HttpResponseMessage(Status) { Content = new StringContent(session.ToJsonString(), Encoding.UTF8, "application/json") });
        }
    }
}
