using System.Text.Json.Serialization;

namespace Tiergate.Monitoring.Detectors.State;

/// <summary>
/// A key's recent uses, for key sharing; stored as <c>key:{id}</c>. Distinct addresses, networks and countries in
/// the window are counted as uses come and go, so a key used from a new address on every request costs O(1), not a
/// pass over the window.
/// </summary>
public sealed class KeyState
{
    public const int MaxUses = 256;

    private Dictionary<ulong, int>? _addresses;
    private Dictionary<long, int>? _asns;
    private Dictionary<string, int>? _countries;

    public List<KeyUse> Uses { get; set; } = [];

    public DateTimeOffset? AlertedAt { get; set; }

    [JsonIgnore]
    public int Addresses => Counts()._addresses!.Count;

    [JsonIgnore]
    public IReadOnlyCollection<long> Asns => Counts()._asns!.Keys;

    [JsonIgnore]
    public IReadOnlyCollection<string> Countries => Counts()._countries!.Keys;

    /// <summary>Drops uses older than <paramref name="cutoff"/> (and the oldest beyond <see cref="MaxUses"/>), then adds <paramref name="use"/>.</summary>
    public void Add(KeyUse use, DateTimeOffset cutoff)
    {
        ArgumentNullException.ThrowIfNull(use);
        Counts();
        var drop = 0;
        while (drop < Uses.Count && (Uses[drop].At < cutoff || Uses.Count - drop >= MaxUses))
        {
            Count(Uses[drop], -1);
            drop++;
        }

        Uses.RemoveRange(0, drop);
        Uses.Add(use);
        Count(use, +1);
    }

    private KeyState Counts()
    {
        if (_addresses is null)
        {
            _addresses = [];
            _asns = [];
            _countries = new(StringComparer.Ordinal);
            foreach (var use in Uses)
            {
                Count(use, +1);
            }
        }

        return this;
    }

    private void Count(KeyUse use, int delta)
    {
        Bump(_addresses!, use.Address, delta);
        if (use.Asn is { } asn)
        {
            Bump(_asns!, asn, delta);
        }

        if (use.Country is { } country)
        {
            Bump(_countries!, country, delta);
        }
    }

    private static void Bump<T>(Dictionary<T, int> counts, T key, int delta)
        where T : notnull
    {
        var now = counts.GetValueOrDefault(key) + delta;
        if (now <= 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = now;
        }
    }
}
