using System.Security.Cryptography;
using System.Text;
using Tiergate.Testing.Gateway;
using Tiergate.Testing.Storage;

namespace Tiergate.Server.IntegrationTests.Privacy;

/// <summary>
/// Issue 15, item 6: text of a <c>metadata-only</c> (or <c>aggregate</c>) tier's prompts and answers is stored nowhere — not in the database
/// files (WAL included), the PostgreSQL tables, the logs or the alerts' evidence — while its detectors still raise
/// alerts from verdicts and metadata. The <c>full</c> run is the control: there the product may keep matched terms
/// (encrypted), and the same search finds the planted string in the alerts.
/// </summary>
public sealed class PlantedStringTests
{
    /// <summary>Each backend with each privacy mode that keeps no text.</summary>
    public static TheoryData<string, string> RestrictedModes => new()
    {
        { TestStore.Sqlite, "metadata-only" }, { TestStore.Postgres, "metadata-only" },
        { TestStore.Sqlite, "aggregate" }, { TestStore.Postgres, "aggregate" },
    };

    [Theory]
    [MemberData(nameof(RestrictedModes))]
    public async Task RestrictedTier_PlantedInPromptsAndAnswers_FoundNowhereAfterAlerts(string backend, string privacy)
    {
        var run = await PlantedRun.RunAsync(backend, privacy);

        AssertTrafficCarriedPlanted(run);
        AssertSearchReachesEveryPlace(run);
        Assert.True(run.Alerts.Any(a => a.Detector == "circumvention" && a.Tier == PlantedRun.Tier), run.DescribeAlerts());
        Assert.True(run.Alerts.Any(a => a.Detector == "outside_purpose" && a.Tier == PlantedRun.Tier), run.DescribeAlerts());
        Assert.Empty(run.WhereFound(run.Planted));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task FullTier_PlantedTerm_KeptInEvidenceEncryptedAtRestOnly(string backend)
    {
        var run = await PlantedRun.RunAsync(backend, "full");

        AssertTrafficCarriedPlanted(run);
        AssertSearchReachesEveryPlace(run);
        var found = run.WhereFound(run.Planted);
        // Matched terms are what a full tier keeps for review: in the circumvention alert's evidence, decrypted...
        Assert.True(found.Any(w => w.StartsWith("alert ", StringComparison.Ordinal) && w.Contains("(circumvention)", StringComparison.Ordinal)), run.DescribeAlerts());
        Assert.True(found.Any(w => w.StartsWith("AlertEntity (decrypted)", StringComparison.Ordinal)), run.DescribeAlerts());
        // ...and only there: encrypted at rest, never logged.
        Assert.All(found, w => Assert.True(w.StartsWith("alert ", StringComparison.Ordinal) || w.StartsWith("AlertEntity (decrypted)", StringComparison.Ordinal), w));
    }

    [Fact]
    public void FormsIn_EachEncodingAtAnyOffset_Found()
    {
        var planted = PlantedString.New();
        var value = planted.Value;
        var leaks = new Dictionary<string, byte[]>
        {
            ["utf-8"] = Encoding.UTF8.GetBytes(value),
            ["utf-8 lower"] = Encoding.UTF8.GetBytes(value.ToLowerInvariant()),
            ["utf-16le"] = Encoding.Unicode.GetBytes(value),
            ["utf-16be"] = Encoding.BigEndianUnicode.GetBytes(value.ToUpperInvariant()),
            ["half"] = Encoding.UTF8.GetBytes(value[..12]),
            ["hex"] = Encoding.UTF8.GetBytes(Convert.ToHexString(Encoding.UTF8.GetBytes(value)).ToLowerInvariant()),
        };
        for (var shift = 0; shift < 3; shift++)
        {
            // Inside a longer base64 text, at each alignment.
            var inner = RandomNumberGenerator.GetBytes(shift).Concat(Encoding.UTF8.GetBytes(value)).Concat(RandomNumberGenerator.GetBytes(5)).ToArray();
            leaks[$"base64 shift {shift}"] = Encoding.ASCII.GetBytes(Convert.ToBase64String(inner));
        }

        foreach (var (name, leak) in leaks)
        {
            var haystack = RandomNumberGenerator.GetBytes(101).Concat(leak).Concat(RandomNumberGenerator.GetBytes(77)).ToArray();
            Assert.True(planted.FormsIn(haystack).Count > 0, name);
            Assert.True(planted.FormsIn(Encoding.Latin1.GetString(haystack)).Count > 0 || name.StartsWith("utf-16", StringComparison.Ordinal), name);
        }

        Assert.Empty(planted.FormsIn(Encoding.UTF8.GetBytes(PlantedString.New().Value + " unrelated text")));
    }

    private static void AssertTrafficCarriedPlanted(PlantedRun run)
    {
        Assert.True(run.Alerts.Count > 0, "no alert was raised: the run proves nothing");
        Assert.Contains(run.UpstreamBodies, b => b.Contains(run.Planted.Value, StringComparison.Ordinal));
        Assert.Contains(run.Answers, a => a.Contains(run.Planted.Value, StringComparison.Ordinal));
    }

    /// <summary>The control string, planted on purpose, is found in each place searched: each search can fail.</summary>
    private static void AssertSearchReachesEveryPlace(PlantedRun run)
    {
        var found = run.WhereFound(run.Control);
        Assert.Contains(found, w => w.StartsWith("log:", StringComparison.Ordinal));
        // Categories the server filters to warnings for its own providers still reach the capture at Debug and Trace.
        Assert.Contains(run.Logs, l => l.StartsWith("Debug Microsoft.AspNetCore", StringComparison.Ordinal) || l.StartsWith("Trace Microsoft.AspNetCore", StringComparison.Ordinal));
        if (run.Postgres)
        {
            Assert.Contains(found, w => w.StartsWith("table public.privacy_control", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(run.Files, f => f.Path == "tiergate.db-wal");
            Assert.Contains(found, w => w.StartsWith("file tiergate.db", StringComparison.Ordinal));
        }

        Assert.Contains(run.DecryptedRows, r => r.Entity == "AlertEntity");
    }
}
