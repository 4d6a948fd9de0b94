using Tiergate.Server.Responses;
using Tiergate.Storage.Responses;

namespace Tiergate.Server.Tests.Responses;

public sealed class ResponseBoardTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Lookups_ActiveResponses_MatchOnlyTheirKeyUserAndTier()
    {
        var board = new ResponseBoard(
        [
            new ActiveResponse(1, "suspend-key", 7, "k7", "safety-research", At),
            new ActiveResponse(2, "suspend-grant", 8, null, "medical-research", At),
            new ActiveResponse(3, "require-reauth", 9, null, "safety-research", At),
            new ActiveResponse(4, "throttle", 10, null, "safety-research", At),
            new ActiveResponse(5, "fallback", 11, null, "safety-research", At),
            new ActiveResponse(6, "notify", 12, null, "safety-research", At),
        ]);

        Assert.Equal(6, board.Count);
        Assert.True(board.KeySuspended("k7"));
        Assert.False(board.KeySuspended("k8"));
        Assert.True(board.GrantSuspended(8, "medical-research"));
        Assert.False(board.GrantSuspended(8, "safety-research"));
        Assert.False(board.GrantSuspended(7, "medical-research"));
        Assert.True(board.ReauthRequired(9));
        Assert.False(board.ReauthRequired(10));
        Assert.True(board.Throttled(10, "safety-research"));
        Assert.False(board.Throttled(10, "general"));
        Assert.True(board.FallsBack(11, "safety-research"));
        Assert.False(board.FallsBack(10, "safety-research"));
    }

    [Fact]
    public void Lookups_UnknownActionName_EnforcesNothing()
    {
        var board = new ResponseBoard([new ActiveResponse(1, "suspend-everything", 7, "k7", "safety-research", At)]);

        Assert.False(board.KeySuspended("k7"));
        Assert.False(board.GrantSuspended(7, "safety-research"));
        Assert.False(board.ReauthRequired(7));
    }

    [Theory]
    [InlineData(120, 12)]
    [InlineData(30, 3)]
    [InlineData(9, 1)]
    [InlineData(1, 1)]
    [InlineData(null, AlertResponses.ThrottledDefaultPerMinute)]
    public void ThrottledPerMinute_TiersRate_ATenthAtLeastOne(int? perMinute, int expected) =>
        Assert.Equal(expected, AlertResponses.ThrottledPerMinute(perMinute));
}
