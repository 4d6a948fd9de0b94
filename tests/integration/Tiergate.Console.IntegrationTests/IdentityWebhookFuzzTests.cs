using System.Globalization;
using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tiergate.Testing.Identity;

namespace Tiergate.Console.IntegrationTests;

/// <summary>
/// The vendors' webhook endpoints in the fuzz and abuse suite: generated hostile deliveries (garbage and truncated bodies,
/// deep nesting, documented events with hostile field values, forged, stale, future, repeated and over-long signature
/// headers, several groups, bodies over the limit) to <c>/identity/webhooks/stripe</c> and <c>/persona</c>.
/// Invariants: never a 5xx; nothing unsigned or badly signed is ever accepted (never a 200); the applicant's pending
/// session is never changed by an unsigned delivery; the endpoints still work afterwards. A failure prints the case's seed.
/// </summary>
public sealed class IdentityWebhookFuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("TIERGATE_FUZZ_CASES"), out var n) ? Math.Min(n, 2000) : 150;

    private static readonly string[] Pieces =
    [
        "{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e309", "-0", "\"evt_", "\"vs_", "\"inq_", "\\u0000", "\\ud800", "\0", "\u202e",
        "<script>alert(1)</script>", "' OR 1=1 --", "{\"id\":", "\"type\":\"identity.verification_session.verified\"", "\"data\":{\"object\":",
        "\"object\":\"event\"", "\"attributes\":{\"name\":\"inquiry.approved\"", "🙂", "数", new string('9', 400),
    ];

    [Fact]
    public async Task WebhookEndpoints_HostileDeliveries_NeverA5xxNeverAcceptedUnsignedAndStillWorking()
    {
        await using var site = await IdentityVendorSite.StartAsync();
        var (browser, userId, _) = await site.ApplicantAsync();
        var (_, session) = await site.StartAsync(browser, "stripe");
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();

        var property = Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var random = new Random(seed);
            var stripe = random.Next(2) == 0;
            var body = Body(random, stripe, session, userId);
            var (header, signedProperly) = Signature(random, stripe, body);
            var endpoint = new Uri(site.BaseUrl, stripe ? "/identity/webhooks/stripe" : "/identity/webhooks/persona");
            var answer = Task.Run(() => site.Vendor.PostAsync(endpoint, body, stripe ? "Stripe-Signature" : "Persona-Signature", header)).GetAwaiter().GetResult();
            statuses.AddOrUpdate((int)answer.StatusCode, 1, (_, c) => c + 1);
            var where = $"seed {seed}: {(stripe ? "stripe" : "persona")} body <{body.Length} chars> header {(header is null ? "none" : header.Length > 120 ? $"<{header.Length} chars>" : header)}";
            Assert.True((int)answer.StatusCode < 500, $"{(int)answer.StatusCode} for {where}");
            Assert.True(signedProperly || answer.StatusCode != HttpStatusCode.OK, $"accepted without a valid signature: {where}");
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases), property);

        output.WriteLine($"{Cases} cases: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(statuses.ContainsKey(401) && statuses.ContainsKey(400), "the generator did not reach both the signature and the body checks");
        Assert.Equal("email", await site.IdentityOfAsync(userId));
        var good = await IdentityVendorSite.ReadAsync(await site.Vendor.SendStripeAsync(site.BaseUrl,
            VendorFixtures.StripeEvent(VendorFixtures.NewStripeEventId(), "identity.verification_session.verified", session, userId)));
        Assert.Equal((HttpStatusCode.OK, null, "verified"), good);
        browser.Dispose();
    }

    /// <summary>Garbage, a documented event with hostile values, or one cut short; sometimes over the size limit.</summary>
    private static string Body(Random random, bool stripe, string session, long userId)
    {
        switch (random.Next(6))
        {
            case 0:
                return new string('[', random.Next(10, 5000)) + new string(']', random.Next(0, 5000));
            case 1:
                return "{\"pad\":\"" + new string('a', random.Next(256 * 1024, 400 * 1024)) + "\"}";
            case 2:
                var documented = stripe
                    ? VendorFixtures.StripeEvent(Hostile(random), "identity.verification_session." + Hostile(random), random.Next(2) == 0 ? session : Hostile(random), userId, Hostile(random))
                    : VendorFixtures.PersonaEvent(Hostile(random), "inquiry." + Hostile(random), Hostile(random), Hostile(random), Hostile(random), Hostile(random));
                return documented;
            case 3:
                var whole = stripe
                    ? VendorFixtures.StripeEvent(VendorFixtures.NewStripeEventId(), "identity.verification_session.verified", session, userId)
                    : VendorFixtures.PersonaEvent(VendorFixtures.NewPersonaEventId(), "inquiry.approved", "inq_x", "1");
                return whole[..random.Next(whole.Length)];
            default:
                var text = new StringBuilder();
                for (var i = random.Next(1, 20); i > 0; i--)
                {
                    text.Append(Pieces[random.Next(Pieces.Length)]);
                }

                return text.ToString();
        }
    }

    private static string Hostile(Random random) => Pieces[random.Next(Pieces.Length)] + Pieces[random.Next(Pieces.Length)];

    /// <summary>A header and whether it is a valid, current signature of the body under the endpoint's secret.</summary>
    private static (string? Header, bool Valid) Signature(Random random, bool stripe, string body)
    {
        var secret = stripe ? FakeIdentityVendor.StripeWebhookSecret : FakeIdentityVendor.PersonaWebhookSecret;
        var now = DateTimeOffset.UtcNow;
        var good = FakeIdentityVendor.Sign(body, now, secret);
        return random.Next(10) switch
        {
            0 => (null, false),
            1 => (FakeIdentityVendor.Sign(body, now, "whsec_attacker"), false),
            2 => (FakeIdentityVendor.Sign(body, now.AddSeconds(random.Next(301, 100_000) * (random.Next(2) == 0 ? 1 : -1)), secret), false),
            3 => (good.Replace("v1=", "v0=", StringComparison.Ordinal), false),
            4 => (string.Join(",", Enumerable.Repeat(good, random.Next(2, 400))), false),
            5 => ($"t={now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)},v1={new string('0', 64)} {FakeIdentityVendor.Sign(body, now, "x")}", false),
            6 => (good.ToUpperInvariant(), false),
            7 => (new string(Hostile(random).Select(c => c is >= ' ' and < (char)127 ? c : '?').ToArray()), false), // a header can only carry printable ASCII
            _ => (good, true),
        };
    }
}
