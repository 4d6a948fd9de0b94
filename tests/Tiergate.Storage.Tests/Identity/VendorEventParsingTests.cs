using System.Text;
using System.Text.Json;
using Tiergate.Storage.Identity.Vendors;
using Tiergate.Testing.Identity;

namespace Tiergate.Storage.Tests.Identity;

/// <summary>Stripe's and Persona's documented event shapes, read into one <see cref="VendorEvent"/>; anything else is malformed (null).</summary>
public sealed class VendorEventParsingTests
{
    [Theory]
    [InlineData("identity.verification_session.verified", VendorResult.Verified, null)]
    [InlineData("identity.verification_session.requires_input", VendorResult.Failed, "document_expired")]
    [InlineData("identity.verification_session.canceled", VendorResult.Failed, "canceled")]
    [InlineData("identity.verification_session.processing", VendorResult.Pending, null)]
    [InlineData("identity.verification_session.redacted", VendorResult.Ignored, null)]
    public void StripeParse_DocumentedEvent_ResultAndCode(string type, VendorResult result, string? code)
    {
        var body = VendorFixtures.StripeEvent("evt_1", type, "vs_abc", 7, lastErrorCode: type.EndsWith("requires_input", StringComparison.Ordinal) ? "document_expired" : null);

        var parsed = StripeEvents.Parse(Encoding.UTF8.GetBytes(body));

        Assert.NotNull(parsed);
        Assert.Equal(("evt_1", type, "vs_abc", result, code), (parsed.EventId, parsed.Type, parsed.Reference, parsed.Result, parsed.FailureCode));
    }

    [Fact]
    public void StripeParse_OtherProductsEvent_IgnoredNotMalformed()
    {
        var body = """{"id":"evt_2","object":"event","type":"payment_intent.succeeded","data":{"object":{"id":"pi_1","object":"payment_intent"}}}""";

        Assert.Equal(VendorResult.Ignored, StripeEvents.Parse(Encoding.UTF8.GetBytes(body))?.Result);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"id":"evt_1","object":"event"}""")]
    [InlineData("""{"id":"evt_1","object":"charge","type":"identity.verification_session.verified","data":{"object":{"id":"vs_1","object":"identity.verification_session"}}}""")]
    [InlineData("""{"id":"evt_1","object":"event","type":"identity.verification_session.verified","data":{"object":{"object":"identity.verification_session"}}}""")]
    [InlineData("""{"id":"evt_1","object":"event","type":"identity.verification_session.verified","data":{"object":{"id":"vs_1","object":"customer"}}}""")]
    [InlineData("""{"id":7,"object":"event","type":"identity.verification_session.verified","data":{"object":{"id":"vs_1","object":"identity.verification_session"}}}""")]
    [InlineData("""{"id":"evt 1","object":"event","type":"identity.verification_session.verified","data":{"object":{"id":"vs_1","object":"identity.verification_session"}}}""")]
    public void StripeParse_NotAStripeIdentityEvent_Null(string body)
    {
        Assert.Null(StripeEvents.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void StripeParse_DeeplyNested_NullNotAnException()
    {
        var body = new string('[', 10_000) + new string(']', 10_000);

        Assert.Null(StripeEvents.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void StripeDocument_ExpandedSession_TypeCountryNumber()
    {
        using var session = JsonDocument.Parse(VendorFixtures.StripeExpandedSession("vs_abc", 7, "passport", "GB", "123456789").ToJsonString());

        var document = StripeEvents.Document(session.RootElement);

        Assert.Equal(new VerifiedDocument("passport", "GB", "123456789"), document);
        Assert.Equal("GB:123456789", document!.Identifier);
        Assert.DoesNotContain("123456789", document.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("inquiry.approved", VendorResult.Verified, null)]
    [InlineData("inquiry.declined", VendorResult.Failed, "declined")]
    [InlineData("inquiry.failed", VendorResult.Failed, "failed")]
    [InlineData("inquiry.completed", VendorResult.Pending, null)]
    [InlineData("inquiry.expired", VendorResult.Ignored, null)]
    public void PersonaParse_DocumentedEvent_ResultAndCode(string name, VendorResult result, string? code)
    {
        var parsed = PersonaEvents.Parse(Encoding.UTF8.GetBytes(VendorFixtures.PersonaEvent("evt_p1", name, "inq_abc", "7")));

        Assert.NotNull(parsed);
        Assert.Equal(("evt_p1", name, "inq_abc", result, code), (parsed.EventId, parsed.Type, parsed.Reference, parsed.Result, parsed.FailureCode));
    }

    [Fact]
    public void PersonaParse_ApprovedWithPassedGovernmentId_DocumentFromIncluded()
    {
        var parsed = PersonaEvents.Parse(Encoding.UTF8.GetBytes(VendorFixtures.PersonaEvent("evt_p2", "inquiry.approved", "inq_abc", "7", "X1234567", "DE", "id")));

        Assert.Equal(new VerifiedDocument("id", "DE", "X1234567"), parsed?.Document);
    }

    [Fact]
    public void PersonaParse_ApprovedWithoutIncluded_NoDocument()
    {
        var parsed = PersonaEvents.Parse(Encoding.UTF8.GetBytes(VendorFixtures.PersonaEvent("evt_p3", "inquiry.approved", "inq_abc", "7")));

        Assert.Equal(VendorResult.Verified, parsed?.Result);
        Assert.Null(parsed?.Document);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"data":{"type":"inquiry","id":"inq_1"}}""")]
    [InlineData("""{"data":{"type":"event","id":"evt_1","attributes":{"name":"inquiry.approved"}}}""")]
    [InlineData("""{"data":{"type":"event","id":"evt_1","attributes":{"name":"inquiry.approved","payload":{"data":{"type":"account","id":"act_1"}}}}}""")]
    [InlineData("null")]
    public void PersonaParse_NotAPersonaInquiryEvent_Null(string body)
    {
        Assert.Null(PersonaEvents.Parse(Encoding.UTF8.GetBytes(body)));
    }
}
