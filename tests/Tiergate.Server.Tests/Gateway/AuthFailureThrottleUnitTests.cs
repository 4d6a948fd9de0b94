using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Audit;
using Tiergate.Core.Errors;
using Tiergate.Server.Gateway;

namespace Tiergate.Server.Tests.Gateway;

/// <summary>The failed-authentication counter without a host: sources, the limit, one event per source and minute.</summary>
public sealed class AuthFailureThrottleUnitTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    [InlineData("::1", "::1")]
    public void SourceOf_Address_IsTheAddressOrItsSlash64(string address, string source)
    {
        Assert.Equal(source, AuthFailureThrottle.SourceOf(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task FailedAsync_PastTheLimit_ThrottledUntilTheMinuteEndsAndOneEventPerSourceMinute()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 15, TimeSpan.Zero));
        var audit = new ListAuditLog();
        var throttle = new AuthFailureThrottle(audit, time, NullLogger<AuthFailureThrottle>.Instance);

        var waits = new List<TimeSpan?>();
        for (var i = 0; i < AuthFailureThrottle.FailuresPerMinute + 5; i++)
        {
            waits.Add(await throttle.FailedAsync(From("2001:db8::" + (i + 1)), ErrorCodes.InvalidApiKey, null));
        }

        var other = await throttle.FailedAsync(From("198.51.100.9"), ErrorCodes.MissingApiKey, null);
        var eventsInMinute = audit.Events.Count;
        time.Advance(TimeSpan.FromMinutes(1));
        var nextMinute = await throttle.FailedAsync(From("2001:db8::99"), ErrorCodes.InvalidApiKey, "KEYID0000001");
        await throttle.FlushAsync(includeOpenMinute: true, CancellationToken.None);

        Assert.All(waits.Take(AuthFailureThrottle.FailuresPerMinute), w => Assert.Null(w));
        Assert.All(waits.Skip(AuthFailureThrottle.FailuresPerMinute), w => Assert.Equal(TimeSpan.FromSeconds(45), w));
        Assert.Null(other);
        Assert.Null(nextMinute);
        Assert.Equal(0, eventsInMinute);
        Assert.Equal(
            [
                "client:198.51.100.9 count=1 throttled=0 minute=2026-12-06T12:00Z keys=",
                "client:2001:db8::/64 count=1 throttled=0 minute=2026-12-06T12:01Z keys=KEYID0000001",
                "client:2001:db8::/64 count=25 throttled=5 minute=2026-12-06T12:00Z keys=",
            ],
            audit.Events.Select(Describe).Order(StringComparer.Ordinal));
    }

    private static string Describe(AuditEvent e) =>
        $"{e.Subject} count={e.Details!["count"]} throttled={e.Details["throttled"]} minute={e.Details["minute"]} keys={e.Details["key_ids"]}";

    private static DefaultHttpContext From(string address)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        context.Request.Path = "/v1/chat/completions";
        return context;
    }

    private sealed class ListAuditLog : IAuditLog
    {
        public List<AuditEvent> Events { get; } = [];

        public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
        {
            lock (Events)
            {
                Events.Add(auditEvent);
            }

            return ValueTask.CompletedTask;
        }
    }
}
