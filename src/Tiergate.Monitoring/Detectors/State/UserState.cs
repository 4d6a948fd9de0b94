namespace Tiergate.Monitoring.Detectors.State;

/// <summary>Everything the detectors remember about one user; stored as <c>user:{id}</c>.</summary>
public sealed class UserState
{
    public const int MaxPlaces = 64;

    public DateTimeOffset FirstSeen { get; set; }

    public List<KnownPlace> Places { get; set; } = [];

    public LastPlace? Last { get; set; }

    /// <summary>Per tier name.</summary>
    public Dictionary<string, TierActivity> Tiers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When each place detector last alerted for this user.</summary>
    public Dictionary<string, DateTimeOffset> Cooldowns { get; set; } = new(StringComparer.Ordinal);

    public const int MaxClients = 16;

    /// <summary>Hashes of the user agents this user has called with (not the strings).</summary>
    public List<ulong> Clients { get; set; } = [];

    public void LearnClient(ulong client)
    {
        if (Clients.Contains(client))
        {
            return;
        }

        if (Clients.Count >= MaxClients)
        {
            Clients.RemoveAt(0);
        }

        Clients.Add(client);
    }

    public bool KnowsCountry(string country) => Places.Exists(p => p.Country == country);

    public bool Knows(string? country, long? asn) => Places.Exists(p => p.Country == country && p.Asn == asn);

    public void Learn(string? country, long? asn, DateTimeOffset at)
    {
        var known = Places.Find(p => p.Country == country && p.Asn == asn);
        if (known is not null)
        {
            known.LastSeen = at;
            return;
        }

        if (Places.Count >= MaxPlaces)
        {
            Places.Remove(Places.MinBy(p => p.LastSeen)!);
        }

        Places.Add(new KnownPlace { Country = country, Asn = asn, LastSeen = at });
    }
}
