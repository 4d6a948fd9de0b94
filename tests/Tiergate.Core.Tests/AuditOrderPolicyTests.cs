using Tiergate.Core.Policy;

namespace Tiergate.Core.Tests;

/// <summary><c>tiers[].audit.order</c>: before_response by default, before_upstream on request, anything else refused with its path.</summary>
public sealed class AuditOrderPolicyTests
{
    private const string Head = MinimalPolicy.Head;

    [Fact]
    public void Load_NoAuditSection_BeforeResponse()
    {
        var result = PolicyLoader.Load(Head + "  - { name: a, variants: [standard], policy: aup }\n");

        Assert.Empty(result.Errors);
        Assert.Equal(AuditOrder.BeforeResponse, result.Policy!.TiersByName["a"].AuditOrder);
    }

    [Fact]
    public void Load_OrderPerTier_ReadsEachTiersOrder()
    {
        var result = PolicyLoader.Load(Head + """
              - { name: a, variants: [standard], policy: aup, audit: { order: before_upstream } }
              - { name: b, variants: [standard], policy: aup, audit: { order: before_response } }
              - { name: c, variants: [standard], policy: aup, audit: {} }
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(AuditOrder.BeforeUpstream, result.Policy!.TiersByName["a"].AuditOrder);
        Assert.Equal(AuditOrder.BeforeResponse, result.Policy.TiersByName["b"].AuditOrder);
        Assert.Equal(AuditOrder.BeforeResponse, result.Policy.TiersByName["c"].AuditOrder);
    }

    [Fact]
    public void Load_UnknownOrder_ErrorWithItsPath()
    {
        var result = PolicyLoader.Load(Head + """
              - { name: a, variants: [standard], policy: aup }
              - { name: b, variants: [standard], policy: aup, audit: { order: after_response } }
            """);

        Assert.Null(result.Policy);
        var error = Assert.Single(result.Errors);
        Assert.Equal("tiers[1].audit.order", error.Path);
        Assert.Contains("before_upstream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownAuditKey_ErrorWithItsPath()
    {
        var result = PolicyLoader.Load(Head + "  - { name: a, variants: [standard], policy: aup, audit: { order: before_upstream, sync: full } }\n");

        Assert.Null(result.Policy);
        Assert.Equal("tiers[0].audit.sync", Assert.Single(result.Errors).Path);
    }
}
