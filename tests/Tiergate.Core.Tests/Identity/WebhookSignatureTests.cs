using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tiergate.Core.Identity.Vendors;

namespace Tiergate.Core.Tests.Identity;

/// <summary>
/// The Stripe-Signature / Persona-Signature scheme: <c>t=…,v1=hex(HMAC-SHA256(secret, "t.body"))</c>, several v1 (Stripe)
/// or several space-separated groups (Persona's rotation), 300 s tolerance. Expected signatures are computed here
/// independently of the code under test.
/// </summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test_secret";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"identity.verification_session.verified\"}");

    [Fact]
    public void Verify_SignedNowWithTheSecret_Valid()
    {
        var header = $"t={Now.ToUnixTimeSeconds()},v1={Hmac(Secret, Now.ToUnixTimeSeconds(), Body)}";

        Assert.Equal(WebhookSignatureCheck.Valid, Check(header));
    }

    [Fact]
    public void Header_AnyBody_IsWhatTheVendorsDocumentedSchemeComputes()
    {
        var t = Now.ToUnixTimeSeconds();

        Assert.Equal($"t={t},v1={Hmac(Secret, t, Body)}", WebhookSignature.Header(t, Body, Secret));
    }

    [Fact]
    public void Verify_BodyChangedByOneByte_Mismatch()
    {
        var header = WebhookSignature.Header(Now.ToUnixTimeSeconds(), Body, Secret);
        var changed = (byte[])Body.Clone();
        changed[^2] ^= 1;

        Assert.Equal(WebhookSignatureCheck.Mismatch, WebhookSignature.Verify(header, changed, Secret, Now, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void Verify_SignedWithAnotherSecret_Mismatch()
    {
        Assert.Equal(WebhookSignatureCheck.Mismatch, Check(WebhookSignature.Header(Now.ToUnixTimeSeconds(), Body, "whsec_other")));
    }

    [Fact]
    public void Verify_TimestampChangedAfterSigning_Mismatch()
    {
        var t = Now.ToUnixTimeSeconds();

        Assert.Equal(WebhookSignatureCheck.Mismatch, Check($"t={t + 1},v1={Hmac(Secret, t, Body)}"));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(86_400)]
    [InlineData(-301)]
    public void Verify_SignedMoreThan300SecondsFromNow_Stale(int secondsAgo)
    {
        var t = Now.ToUnixTimeSeconds() - secondsAgo;

        Assert.Equal(WebhookSignatureCheck.Stale, Check(WebhookSignature.Header(t, Body, Secret)));
    }

    [Fact]
    public void Verify_Signed300SecondsAgo_Valid()
    {
        Assert.Equal(WebhookSignatureCheck.Valid, Check(WebhookSignature.Header(Now.ToUnixTimeSeconds() - 300, Body, Secret)));
    }

    [Fact]
    public void Verify_StripeSeveralV1OneMatching_Valid()
    {
        var t = Now.ToUnixTimeSeconds();
        var header = $"t={t},v1={Hmac("whsec_old", t, Body)},v1={Hmac(Secret, t, Body)},v0={new string('0', 64)}";

        Assert.Equal(WebhookSignatureCheck.Valid, Check(header));
    }

    [Fact]
    public void Verify_PersonaRotationTwoSpaceSeparatedGroups_ValidWithEitherSecret()
    {
        var t = Now.ToUnixTimeSeconds();
        var header = $"t={t},v1={Hmac("wbhsec_new", t, Body)} t={t},v1={Hmac("wbhsec_old", t, Body)}";

        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(header, Body, "wbhsec_new", Now, WebhookSignature.DefaultTolerance));
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(header, Body, "wbhsec_old", Now, WebhookSignature.DefaultTolerance));
        Assert.Equal(WebhookSignatureCheck.Mismatch, WebhookSignature.Verify(header, Body, "wbhsec_third", Now, WebhookSignature.DefaultTolerance));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_NoHeader_Missing(string? header)
    {
        Assert.Equal(WebhookSignatureCheck.Missing, Check(header));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("t=1765076400")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1765076400,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1765076400,v1=00")]
    [InlineData("t=1,t=2,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=99999999999999999999,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1765076400,v0=0000000000000000000000000000000000000000000000000000000000000000")]
    public void Verify_NotTheScheme_Malformed(string header)
    {
        Assert.Equal(WebhookSignatureCheck.Malformed, Check(header));
    }

    [Fact]
    public void Verify_HeaderOverTheLimit_MalformedUnread()
    {
        var t = Now.ToUnixTimeSeconds();
        var header = WebhookSignature.Header(t, Body, Secret) + new string(' ', WebhookSignature.MaxHeaderLength);

        Assert.Equal(WebhookSignatureCheck.Malformed, Check(header));
    }

    private static WebhookSignatureCheck Check(string? header) => WebhookSignature.Verify(header, Body, Secret, Now, WebhookSignature.DefaultTolerance);

    private static string Hmac(string secret, long t, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(t.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray()));
}
