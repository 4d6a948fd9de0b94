using System.Net;
using Tiergate.Core.Access;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests;

public sealed class AccessEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly PolicyDocument Policy = PolicyLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"))).Policy!;

    private static CallerContext Caller(
        IdentityLevel identity = IdentityLevel.Affiliated,
        string[]? tiers = null,
        DateTimeOffset? grantExpires = null,
        string[]? networks = null,
        int? keyDays = 7,
        string ip = "127.0.0.1",
        bool mfa = true)
    {
        var key = new KeyFacts("abc", 1, Now.AddDays(-1), keyDays is { } d ? Now.AddDays(-1).AddDays(d) : null, null,
            (networks ?? ["127.0.0.0/8"]).Select(IPNetwork.Parse).ToList());
        var grants = (tiers ?? ["general"]).Select(t => new GrantFacts(t, Now.AddDays(-1), grantExpires, null)).ToList();
        return new CallerContext(key, new UserFacts(1, identity, mfa, false) { Standing = new(identity, Now.AddDays(-1), null, null) }, grants, IPAddress.Parse(ip));
    }

    [Fact]
    public void Decide_VariantInHeldTier_AllowsThroughFirstTierInPolicyOrder()
    {
        var decision = AccessEvaluator.Decide(Policy, Caller(tiers: ["safety-research", "general"]), "standard", Now);

        Assert.Equal("general", decision.Tier?.Name);
    }

    [Fact]
    public void Decide_RequestedTier_UsesThatTierOrDenies()
    {
        var caller = Caller(tiers: ["safety-research", "general"]);

        Assert.Equal("safety-research", AccessEvaluator.Decide(Policy, caller, "standard", Now, "safety-research").Tier?.Name);
        Assert.Equal(ErrorCodes.TierNotHeld, AccessEvaluator.Decide(Policy, caller, "standard", Now, "medical-research").Denial);
    }

    [Fact]
    public void DecideTier_NoTierNamed_FirstHeldTierInPolicyOrder()
    {
        var decision = AccessEvaluator.DecideTier(Policy, Caller(tiers: ["medical-research", "safety-research"]), Now);

        Assert.Equal("safety-research", decision.Tier?.Name);
    }

    [Fact]
    public void DecideTier_NamedTier_UsesItOrDeniesTierNotHeld()
    {
        var caller = Caller(tiers: ["safety-research", "general"]);

        Assert.Equal("safety-research", AccessEvaluator.DecideTier(Policy, caller, Now, "safety-research").Tier?.Name);
        Assert.Equal(ErrorCodes.TierNotHeld, AccessEvaluator.DecideTier(Policy, caller, Now, "medical-research").Denial);
        Assert.Equal(ErrorCodes.TierNotHeld, AccessEvaluator.DecideTier(Policy, Caller(tiers: []), Now).Denial);
    }

    [Fact]
    public void DecideTier_HeldTierWithUnmetPractice_DeniedWithThatRequirement()
    {
        var decision = AccessEvaluator.DecideTier(Policy, Caller(tiers: ["safety-research"], mfa: false), Now);

        Assert.Equal(ErrorCodes.MfaRequired, decision.Denial);
    }

    [Theory]
    [InlineData(100, null, null)]
    [InlineData(731, null, "identity_verification_stale")]
    [InlineData(100, -1, "identity_insufficient")]
    public void Decide_VerificationAgeAndExpiry_SampleTiersReverifyEveryTwoYears(int verifiedDaysAgo, int? expiresInDays, string? expected)
    {
        var caller = Caller(tiers: ["safety-research"], networks: ["127.0.0.1/32"]);
        var standing = new Tiergate.Core.Identity.IdentityStanding(IdentityLevel.Verified, Now.AddDays(-verifiedDaysAgo), expiresInDays is { } d ? Now.AddDays(d) : null, null);
        caller = caller with { User = caller.User with { Standing = standing } };

        var decision = AccessEvaluator.Decide(Policy, caller, "reduced-refusal", Now);

        Assert.Equal(expected, decision.Denial?.Name);
    }

    [Fact]
    public void Decide_GrantExpired_Denies()
    {
        var decision = AccessEvaluator.Decide(Policy, Caller(tiers: ["safety-research"], grantExpires: Now), "reduced-refusal", Now);

        Assert.Equal(ErrorCodes.ModelNotAllowed, decision.Denial);
    }

    [Theory]
    [InlineData(IdentityLevel.Email, null, 7, "TG1012")]
    [InlineData(IdentityLevel.Verified, "none", 7, "TG1014")]
    [InlineData(IdentityLevel.Verified, null, null, "TG1015")]
    [InlineData(IdentityLevel.Verified, null, 60, "TG1015")]
    [InlineData(IdentityLevel.Verified, null, 30, null)]
    [InlineData(IdentityLevel.Verified, "no-mfa", 30, "TG1013")]
    public void Decide_SafetyResearchPractices_EachUnmetOneHasItsCode(IdentityLevel identity, string? networks, int? keyDays, string? expected)
    {
        var caller = Caller(identity, ["safety-research"], networks: networks == "none" ? [] : null, keyDays: keyDays, mfa: networks != "no-mfa");

        var decision = AccessEvaluator.Decide(Policy, caller, "reduced-refusal", Now);

        Assert.Equal(expected, decision.Denial?.Id);
        Assert.Equal(expected is null, decision.Allowed);
    }

    [Theory]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    public void Decide_AllowlistMatchingEverything_DoesNotMeetTheAllowlistRequirement(string everything)
    {
        // A key stored before such entries were refused must not pass for an allowlisted one.
        var caller = Caller(IdentityLevel.Verified, ["safety-research"], networks: ["127.0.0.0/8", everything], keyDays: 30);

        Assert.Equal(ErrorCodes.IpAllowlistRequired, AccessEvaluator.Decide(Policy, caller, "reduced-refusal", Now).Denial);
    }

    [Fact]
    public void CheckKey_AddressOutsideAllowlist_DeniesEvenForIpv4MappedAddresses()
    {
        Assert.Equal(ErrorCodes.IpNotAllowed, AccessEvaluator.CheckKey(Caller(ip: "198.51.100.7"), Now)?.Denial);
        Assert.Null(AccessEvaluator.CheckKey(Caller(ip: "::ffff:127.0.0.1"), Now));
    }

    [Fact]
    public void Decide_UnknownModel_IsNotFound()
    {
        Assert.Equal(ErrorCodes.ModelNotFound, AccessEvaluator.Decide(Policy, Caller(), "gpt-9", Now).Denial);
    }

    [Fact]
    public void ActiveTiers_OnlyTiersWhosePracticesAreMet()
    {
        var tiers = AccessEvaluator.ActiveTiers(Policy, Caller(tiers: ["general", "safety-research"], networks: []), Now);

        Assert.Equal(["general"], tiers.Select(t => t.Name));
    }
}
