using Tiergate.Core.Monitoring;

namespace Tiergate.Core.Policy;

/// <summary>How a tier's use is monitored: how closely, what monitoring may see, the detectors' thresholds and the responses.</summary>
public sealed record MonitoringConfig(MonitoringLevel Level, PrivacyMode Privacy)
{
    public const int DefaultAggregateMinUsers = 5;

    public static readonly MonitoringConfig Default = new(MonitoringLevel.Standard, PrivacyMode.Full);

    /// <summary>Per detector, the thresholds this tier overrides (<see cref="DetectorCatalogue"/> has the defaults).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Thresholds { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, double>>();

    /// <summary>Detectors turned off for this tier.</summary>
    public IReadOnlySet<string> Disabled { get; init; } = new HashSet<string>();

    public IReadOnlyList<MonitoringResponse> Responses { get; init; } = [];

    /// <summary>The stricter variant that answers instead while a <c>fallback</c> response is in force.</summary>
    public string? FallbackVariant { get; init; }

    /// <summary><c>aggregate</c> privacy: reviewers see figures only over groups of at least this many users.</summary>
    public int AggregateMinUsers { get; init; } = DefaultAggregateMinUsers;

    /// <summary>Screening categories the tier exists for; null: those its input profile does not block.</summary>
    public IReadOnlyList<string>? Purpose { get; init; }

    public bool Enabled(string detector) => !Disabled.Contains(detector);

    /// <summary>The tier's value of a detector's threshold, else the documented default.</summary>
    public double Threshold(string detector, string parameter) =>
        Thresholds.TryGetValue(detector, out var set) && set.TryGetValue(parameter, out var value)
            ? value
            : DetectorCatalogue.Parameters[detector].First(p => p.Name == parameter).Default;
}
