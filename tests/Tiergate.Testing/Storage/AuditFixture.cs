using Microsoft.Extensions.Time.Testing;
using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;

namespace Tiergate.Testing.Storage;

/// <summary>Helpers shared by the audit tests: a fixed-seed signing key, a fake clock, sample events.</summary>
public static class AuditFixture
{
    public static AuditSigningKey NewSigningKey() =>
        AuditSigningKey.FromSeed(System.Security.Cryptography.RandomNumberGenerator.GetBytes(AuditSigningKey.SeedLength));

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    public static AuditEvent Event(int i) => new(
        i % 3 == 0 ? "gateway.deny" : "gateway.request",
        $"key:K{i:D4}",
        "tier:bio-research",
        i % 3 == 0 ? "denied" : "ok",
        new Dictionary<string, string> { ["variant"] = "bio-research", ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>Appends records 1..count, one at a time so that each gets its own batch.</summary>
    public static async Task AppendSequentiallyAsync(AuditLog log, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(Event(i));
        }
    }
}
