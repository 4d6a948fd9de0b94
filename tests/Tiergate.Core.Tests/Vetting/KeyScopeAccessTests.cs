using System.Net;
using Tiergate.Core.Access;
using Tiergate.Core.Errors;
using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests.Vetting;

public sealed class KeyScopeAccessTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly PolicyDocument Policy = PolicyLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"))).Policy!;

    // The user holds general and safety-research and meets safety-research's practices unless told otherwise.
    private static CallerContext Caller(string[] keyTiers, IdentityLevel identity = IdentityLevel.Verified, int? keyDays = 30)
    {
        var key = new KeyFacts("abc", 1, Now.AddDays(-1), keyDays is { } d ? Now.AddDays(-1).AddDays(d) : null, null, [IPNetwork.Parse("127.0.0.0/8")]) { Tiers = keyTiers };
        var grants = new[] { "general", "safety-research" }.Select(t => new GrantFacts(t, Now.AddDays(-1), null, null)).ToList();
        return new CallerContext(key, new UserFacts(1, identity, true, false) { Standing = new(identity, Now.AddDays(-1), null, null) }, grants, IPAddress.Loopback);
    }

    [Fact]
    public void Decide_KeyScopedToGeneral_CannotReachSafetyResearchsVariant()
    {
        var decision = AccessEvaluator.Decide(Policy, Caller(["general"]), "reduced-refusal", Now);

        Assert.False(decision.Allowed);
        Assert.Equal(ErrorCodes.ModelNotAllowed, decision.Denial);
    }

    [Fact]
    public void Decide_KeyScopedToGeneral_RequestingSafetyResearchIsRefused()
    {
        var decision = AccessEvaluator.Decide(Policy, Caller(["general"]), "standard", Now, "safety-research");

        Assert.False(decision.Allowed);
        Assert.Equal(ErrorCodes.TierNotHeld, decision.Denial);
    }

    [Fact]
    public void Decide_KeyScopedToSafetyResearch_ReachesItsVariantsOnlyThroughIt()
    {
        var caller = Caller(["safety-research"]);

        Assert.Equal("safety-research", AccessEvaluator.Decide(Policy, caller, "reduced-refusal", Now).Tier?.Name);
        Assert.Equal("safety-research", AccessEvaluator.Decide(Policy, caller, "standard", Now).Tier?.Name);
    }

    [Fact]
    public void Decide_UnscopedKeyMissingElevatedPractice_StillReachesGeneral()
    {
        // No expiry: safety-research's key-expiry practice is unmet, general has none.
        var caller = Caller([], keyDays: null);

        Assert.Equal("general", AccessEvaluator.Decide(Policy, caller, "standard", Now).Tier?.Name);
        Assert.False(AccessEvaluator.Decide(Policy, caller, "reduced-refusal", Now).Allowed);
    }

    [Fact]
    public void Reaches_ScopedAndUnscopedKeys()
    {
        var scoped = Caller(["general"]).Key;
        var unscoped = Caller([]).Key;

        Assert.True(scoped.Reaches("general"));
        Assert.False(scoped.Reaches("safety-research"));
        Assert.False(scoped.Reaches("General"));
        Assert.True(unscoped.Reaches("safety-research"));
    }
}
