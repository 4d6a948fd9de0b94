using System.Text.Json.Serialization;

namespace Tiergate.Monitoring.Detectors.State;

/// <summary>One user's use of one tier, as the per-tier detectors need it. Lists are bounded.</summary>
public sealed class TierActivity
{
    public RateBaseline Rate { get; set; } = new();

    /// <summary>The times of the latest requests, oldest first (at most <see cref="RegularIntervals.Remembered"/>), for regular intervals.</summary>
    public List<DateTimeOffset> RecentRequests { get; set; } = [];

    /// <summary>Recent blocked or flagged prompts (times), for streaks.</summary>
    public List<DateTimeOffset> Screened { get; set; } = [];

    /// <summary>Recent hits outside the tier's purpose (times), with their categories.</summary>
    public List<DateTimeOffset> OutsidePurpose { get; set; } = [];

    public List<string> OutsideCategories { get; set; } = [];

    /// <summary>Times of recent prompts that were near-identical to an earlier one, for sweeps.</summary>
    public List<DateTimeOffset> SweepHits { get; set; } = [];

    /// <summary>When each detector last alerted for this user in this tier.</summary>
    public Dictionary<string, DateTimeOffset> Cooldowns { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Recent admitted prompts' sketches: memory only (see <see cref="SavedRecent"/>).</summary>
    [JsonIgnore]
    public List<TimedSketch> Recent { get; } = [];

    /// <summary>Recent blocked prompts' sketches: memory only (see <see cref="SavedBlocked"/>).</summary>
    [JsonIgnore]
    public List<TimedSketch> Blocked { get; } = [];

    /// <summary>Matched terms of the latest screened prompts, for review in <c>full</c> tiers only (events carry terms only there); memory only.</summary>
    [JsonIgnore]
    public List<string> RecentTerms { get; } = [];

    /// <summary>Sketches as stored, for <c>full</c>-privacy tiers only; empty otherwise.</summary>
    public List<SavedSketch>? SavedRecent { get; set; }

    public List<SavedSketch>? SavedBlocked { get; set; }
}
