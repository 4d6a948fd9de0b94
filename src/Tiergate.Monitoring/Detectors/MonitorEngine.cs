using System.Text.Json;
using Tiergate.Core.Policy;
using Tiergate.Monitoring.Detectors.State;
using Tiergate.Monitoring.Events;
using Tiergate.Monitoring.Places;
using Tiergate.Monitoring.Similarity;

namespace Tiergate.Monitoring.Detectors;

/// <summary>
/// Runs every detector over each usage event, with per-user and per-key state held in memory and handed out as
/// JSON for storage (<see cref="TakeChanged"/>, <see cref="Load"/>), so that it survives a restart. Prompt sketches
/// are stored only for <c>full</c>-privacy tiers; other tiers' sketches are lost on restart, by design.
/// Not thread-safe: one consumer feeds it, in event order. Tiers are looked up in the policy of the moment (a gateway's
/// reloads change it), so an event of a tier that a reload removed is not observed.
/// </summary>
public sealed class MonitorEngine(Func<PolicyDocument> currentPolicy)
{
    public MonitorEngine(PolicyDocument policy)
        : this(() => policy)
    {
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<long, UserState> _users = [];
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    private readonly IDetector[] _detectors =
    [
        new NewCountryDetector(), new ImpossibleTravelDetector(), new RateSpikeDetector(), new AutomationDetector(),
        new CircumventionDetector(), new KeySharingDetector(), new OutsidePurposeDetector(),
    ];

    public static string UserSubject(long id) => $"user:{id}";

    public static string KeySubject(string id) => $"key:{id}";

    /// <summary>Whether the subject's state is in memory (else the caller may <see cref="Load"/> it first).</summary>
    public bool Has(string subject) =>
        subject.StartsWith("user:", StringComparison.Ordinal) ? long.TryParse(subject.AsSpan(5), out var id) && _users.ContainsKey(id) : _keys.ContainsKey(subject[4..]);

    public void Observe(UsageEvent usageEvent, Place? place, List<Detection> into)
    {
        ArgumentNullException.ThrowIfNull(usageEvent);
        var policy = currentPolicy();
        if (usageEvent.UserId is not { } userId || usageEvent.Tier is null || !policy.TiersByName.TryGetValue(usageEvent.Tier, out var tier))
        {
            return;
        }

        if (!_users.TryGetValue(userId, out var user))
        {
            _users[userId] = user = new UserState { FirstSeen = usageEvent.At };
        }

        if (!user.Tiers.TryGetValue(tier.Name, out var activity))
        {
            user.Tiers[tier.Name] = activity = new TierActivity();
        }

        KeyState? key = null;
        if (usageEvent.KeyId is { } keyId && !_keys.TryGetValue(keyId, out key))
        {
            _keys[keyId] = key = new KeyState();
        }

        var located = place is { Precision: not PlacePrecision.Unknown } ? place : null;
        var input = new DetectorInput { Event = usageEvent, Place = located, Tier = tier, UserId = userId, User = user, Activity = activity, Key = key };
        foreach (var detector in _detectors)
        {
            if (tier.Monitoring.Enabled(detector.Name))
            {
                detector.Observe(input, into);
            }
        }

        if (input.IsRequest && located?.CountryCode is { } country)
        {
            user.Learn(country, located.Asn, usageEvent.At);
        }

        if (input.IsRequest && usageEvent.UserAgent is { } agent)
        {
            user.LearnClient(TextHash.Of(agent));
        }

        _changed.Add(UserSubject(userId));
        if (usageEvent.KeyId is { } k)
        {
            _changed.Add(KeySubject(k));
        }
    }

    /// <summary>The state of every subject changed since the last call, as JSON to store.</summary>
    public IReadOnlyList<(string Subject, string Data)> TakeChanged()
    {
        var changed = new List<(string, string)>(_changed.Count);
        foreach (var subject in _changed)
        {
            if (subject.StartsWith("user:", StringComparison.Ordinal))
            {
                var user = _users[long.Parse(subject.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture)];
                PrepareSketches(user);
                changed.Add((subject, JsonSerializer.Serialize(user, Json)));
                RestoreSketches(user, keepMemory: true);
            }
            else
            {
                changed.Add((subject, JsonSerializer.Serialize(_keys[subject[4..]], Json)));
            }
        }

        _changed.Clear();
        return changed;
    }

    /// <summary>Marks subjects changed again (their store failed), so that the next <see cref="TakeChanged"/> retries them.</summary>
    public void MarkChanged(IEnumerable<string> subjects) => _changed.UnionWith(subjects);

    /// <summary>Restores a subject's stored state; state already in memory wins (it is newer).</summary>
    public void Load(string subject, string data)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (Has(subject))
        {
            return;
        }

        if (subject.StartsWith("user:", StringComparison.Ordinal) && long.TryParse(subject.AsSpan(5), out var id))
        {
            if (JsonSerializer.Deserialize<UserState>(data, Json) is { } user)
            {
                RestoreSketches(user);
                _users[id] = user;
            }
        }
        else if (subject.StartsWith("key:", StringComparison.Ordinal) && JsonSerializer.Deserialize<KeyState>(data, Json) is { } key)
        {
            _keys[subject[4..]] = key;
        }
    }

    private void PrepareSketches(UserState user)
    {
        var policy = currentPolicy();
        foreach (var (tierName, activity) in user.Tiers)
        {
            var full = policy.TiersByName.TryGetValue(tierName, out var tier) && tier.Monitoring.Privacy == PrivacyMode.Full;
            activity.SavedRecent = full ? activity.Recent.Select(Save).ToList() : null;
            activity.SavedBlocked = full ? activity.Blocked.Select(Save).ToList() : null;
        }
    }

    private static void RestoreSketches(UserState user, bool keepMemory = false)
    {
        foreach (var activity in user.Tiers.Values)
        {
            if (!keepMemory)
            {
                Restore(activity.SavedRecent, activity.Recent);
                Restore(activity.SavedBlocked, activity.Blocked);
            }

            activity.SavedRecent = activity.SavedBlocked = null;
        }
    }

    private static SavedSketch Save(TimedSketch s) => new() { Values = s.Sketch.Values.ToArray(), At = s.At, Variations = s.Variations };

    private static void Restore(List<SavedSketch>? saved, List<TimedSketch> into)
    {
        foreach (var s in saved ?? [])
        {
            if (PromptSketch.FromValues(s.Values) is { } sketch)
            {
                into.Add(new TimedSketch(sketch, s.At) { Variations = s.Variations });
            }
        }
    }
}
