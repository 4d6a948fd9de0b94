using Tiergate.Core.Identity;
using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests.Identity;

public sealed class IdentityStandingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static VerificationFacts Identity(int daysAgo, int? expiresInDays = null, VerificationOutcome outcome = VerificationOutcome.Verified, bool withdrawn = false) =>
        new(VerificationKind.Identity, outcome, Now.AddDays(-daysAgo), expiresInDays is { } d ? Now.AddDays(d) : null, withdrawn ? Now : null);

    private static VerificationFacts Affiliation(int daysAgo, int? expiresInDays = null) =>
        new(VerificationKind.Affiliation, VerificationOutcome.Verified, Now.AddDays(-daysAgo), expiresInDays is { } d ? Now.AddDays(d) : null, null);

    [Fact]
    public void Derive_NoRecords_EmailOnly()
    {
        Assert.Equal(IdentityStanding.EmailOnly, IdentityStanding.Derive([], Now));
    }

    [Fact]
    public void Derive_AffiliationAlone_StaysEmail()
    {
        // An institutional address proves membership, not identity: it never makes anyone verified.
        Assert.Equal(IdentityLevel.Email, IdentityStanding.Derive([Affiliation(1)], Now).Level);
    }

    [Fact]
    public void Derive_IdentityAndAffiliation_AffiliatedWithNewestIdentityTime()
    {
        var standing = IdentityStanding.Derive([Identity(100), Identity(10), Affiliation(5)], Now);

        Assert.Equal((IdentityLevel.Affiliated, Now.AddDays(-10)), (standing.Level, standing.VerifiedAt));
    }

    [Theory]
    [InlineData(VerificationOutcome.Failed, false, null)]
    [InlineData(VerificationOutcome.Pending, false, null)]
    [InlineData(VerificationOutcome.Refused, false, null)]
    [InlineData(VerificationOutcome.Verified, true, null)]
    [InlineData(VerificationOutcome.Verified, false, -1)]
    public void Derive_RecordThatDoesNotCount_StaysEmail(VerificationOutcome outcome, bool withdrawn, int? expiresInDays)
    {
        Assert.Equal(IdentityLevel.Email, IdentityStanding.Derive([Identity(3, expiresInDays, outcome, withdrawn)], Now).Level);
    }

    [Fact]
    public void Derive_TwoIdentityRecords_LapsesWithTheLastOne()
    {
        var standing = IdentityStanding.Derive([Identity(300, expiresInDays: 10), Identity(20, expiresInDays: 700)], Now);

        Assert.Equal(Now.AddDays(700), standing.IdentityExpiresAt);
        Assert.Null(IdentityStanding.Derive([Identity(300, expiresInDays: 10), Identity(20)], Now).IdentityExpiresAt);
    }

    [Fact]
    public void LevelAt_PastEachExpiry_StepsDownWithoutARecompute()
    {
        var standing = IdentityStanding.Derive([Identity(1, expiresInDays: 30), Affiliation(1, expiresInDays: 10)], Now);

        Assert.Equal(
            [IdentityLevel.Affiliated, IdentityLevel.Verified, IdentityLevel.Email],
            new[] { Now.AddDays(9), Now.AddDays(10), Now.AddDays(30) }.Select(standing.LevelAt));
    }

    [Fact]
    public void Requirement_MaxAge_StaleVerificationRefusedFreshOneAccepted()
    {
        var tier = TierWith(IdentityLevel.Verified, maxAgeDays: 365);

        var stale = IdentityRequirement.Unmet(tier, IdentityStanding.Derive([Identity(400)], Now), Now);
        var fresh = IdentityRequirement.Unmet(tier, IdentityStanding.Derive([Identity(400), Identity(30)], Now), Now);
        var none = IdentityRequirement.Unmet(tier, IdentityStanding.EmailOnly, Now);

        Assert.Equal("identity_verification_stale", stale?.Code.Name);
        Assert.Null(fresh);
        Assert.Equal("identity_insufficient", none?.Code.Name);
    }

    [Fact]
    public void Requirement_LevelRecordedWithoutTime_StaleUnderAMaxAge()
    {
        // A level from before verification times were kept cannot show its age, so a max-age tier refuses it (fail closed).
        var tier = TierWith(IdentityLevel.Verified, maxAgeDays: 30);

        Assert.Equal("identity_verification_stale", IdentityRequirement.Unmet(tier, new IdentityStanding(IdentityLevel.Verified, null, null, null), Now)?.Code.Name);
        Assert.Null(IdentityRequirement.Unmet(TierWith(IdentityLevel.Verified, null), new IdentityStanding(IdentityLevel.Verified, null, null, null), Now));
    }

    private static TierConfig TierWith(IdentityLevel identity, int? maxAgeDays)
    {
        var loaded = PolicyLoader.Load($$"""
            variants:
              - name: standard
                upstream: { base_url: "http://localhost:8000/v1", model: m }
            policies:
              - { id: aup, version: "1", permitted: [research], prohibited: [harm], threat_model: t, rationale: r }
            tiers:
              - name: t
                variants: [standard]
                policy: aup
                identity: {{identity.ToString().ToLowerInvariant()}}
            {{(maxAgeDays is { } d ? $"    identity_max_age_days: {d}" : "")}}
            """);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        return loaded.Policy!.Tiers[0];
    }
}
