using Tiergate.Core.Monitoring;

namespace Tiergate.Core.Policy;

/// <summary>Reads <c>tiers[].monitoring</c>: level, privacy, detector thresholds and responses.</summary>
internal static class MonitoringReader
{
    private static readonly Dictionary<string, MonitoringLevel> Levels = new()
    {
        ["standard"] = MonitoringLevel.Standard,
        ["enhanced"] = MonitoringLevel.Enhanced,
    };

    private static readonly Dictionary<string, PrivacyMode> PrivacyNames = new()
    {
        ["full"] = PrivacyMode.Full,
        ["metadata-only"] = PrivacyMode.MetadataOnly,
        ["aggregate"] = PrivacyMode.Aggregate,
    };

    private static readonly Dictionary<string, bool> Modes = new()
    {
        ["automatic"] = true,
        ["confirm"] = false,
    };

    public static MonitoringConfig Read(YamlFields tier)
    {
        var m = tier.Nested("monitoring");
        var level = m.Enum("level", Levels) ?? MonitoringLevel.Standard;
        var privacy = m.Enum("privacy", PrivacyNames) ?? PrivacyMode.Full;
        var minUsers = m.Int("aggregate_min_users", 2, 1_000_000) ?? MonitoringConfig.DefaultAggregateMinUsers;
        var fallback = m.String("fallback_variant");
        var purpose = m.Node("purpose") is null ? null : m.Strings("purpose");
        var (thresholds, disabled) = Detectors(m.Nested("detectors"));
        var responses = Responses(m);
        m.RejectUnknownKeys();
        return new MonitoringConfig(level, privacy)
        {
            Thresholds = thresholds,
            Disabled = disabled,
            Responses = responses,
            FallbackVariant = fallback,
            AggregateMinUsers = minUsers,
            Purpose = purpose,
        };
    }

    private static (Dictionary<string, IReadOnlyDictionary<string, double>>, HashSet<string>) Detectors(YamlFields d)
    {
        var thresholds = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        var disabled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in d.Keys())
        {
            if (!DetectorCatalogue.Parameters.TryGetValue(name, out var parameters))
            {
                d.Error(d.Child(name), $"unknown detector (one of {string.Join(", ", DetectorCatalogue.Names)})", d.Node(name));
                continue;
            }

            var detector = d.Nested(name);
            if (!detector.Bool("enabled", true))
            {
                disabled.Add(name);
            }

            var set = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var p in parameters)
            {
                if (detector.Double(p.Name, p.Min, p.Max) is { } value)
                {
                    set[p.Name] = value;
                }
            }

            detector.RejectUnknownKeys();
            thresholds[name] = set;
        }

        return (thresholds, disabled);
    }

    private static List<MonitoringResponse> Responses(YamlFields m)
    {
        var responses = new List<MonitoringResponse>();
        foreach (var (node, path) in m.Items("responses"))
        {
            var r = m.Item(node, path);
            var detector = r.String("detector", required: true);
            var action = r.Enum("action", ResponseNames.Actions);
            if (action is null)
            {
                r.Error(r.Child("action"), $"is required ({string.Join(", ", ResponseNames.Actions.Keys)})", null);
            }

            var automatic = r.Enum("mode", Modes) ?? false;
            r.RejectUnknownKeys();
            if (detector is not null && !DetectorCatalogue.Parameters.ContainsKey(detector))
            {
                r.Error(r.Child("detector"), $"unknown detector (one of {string.Join(", ", DetectorCatalogue.Names)})", node);
            }
            else if (detector is not null && action is { } a)
            {
                responses.Add(new MonitoringResponse(detector, a, automatic));
            }
        }

        return responses;
    }
}
