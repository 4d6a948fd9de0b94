namespace Tiergate.Bench.Identity.Population;

/// <summary>
/// The shape of the generated user base. Counts of rings, households and networks are given per 100,000 accounts
/// and scale with <see cref="Accounts"/>. The shares are set once from what a research-access user base plausibly
/// looks like (not tuned to the detector's results): a third verified by document, most with a phone, a minority
/// with a card on file, a quarter behind a university's network, a third behind a company's.
/// </summary>
internal sealed record PopulationOptions
{
    public int Accounts { get; init; } = 100_000;

    /// <summary>Accounts drawn the same way but kept out of the insert: the attach timing adds these.</summary>
    public int Newcomers { get; init; } = 400;

    public int Seed { get; init; } = 16;

    /// <summary>Share of ordinary accounts verified by document (the only ones that carry one).</summary>
    public double VerifiedShare { get; init; } = 0.35;

    /// <summary>Share of ordinary accounts with no phone at all.</summary>
    public double NoPhoneShare { get; init; } = 0.25;

    /// <summary>Share of ordinary accounts with a card fingerprint (paid tiers, or a vendor that returns one).</summary>
    public double PaymentShare { get; init; } = 0.30;

    public double UniversityShare { get; init; } = 0.25;

    public double CompanyShare { get; init; } = 0.30;

    /// <summary>Share of accounts seen once on a public hotspot (airport, café, conference).</summary>
    public double PublicWifiShare { get; init; } = 0.08;

    /// <summary>Share of ordinary accounts seen from a cloud machine or a commercial VPN exit.</summary>
    public double CloudShare { get; init; } = 0.10;

    /// <summary>Share of accounts also seen from a mobile carrier's carrier-grade NAT.</summary>
    public double MobileShare { get; init; } = 0.35;

    /// <summary>Share of university members who also signed in from a shared lab machine.</summary>
    public double LabDeviceShare { get; init; } = 0.10;

    /// <summary>Share of phone holders whose number was recycled from another, unrelated account.</summary>
    public double RecycledPhoneShare { get; init; } = 0.002;

    /// <summary>Households of 2–4 people with accounts (couples, parents and children, flatmates), per 100,000.</summary>
    public int HouseholdsPer100K { get; init; } = 2_500;

    /// <summary>Chance that a household member attaches the household's shared number.</summary>
    public double HouseholdPhoneShare { get; init; } = 0.5;

    /// <summary>Chance that a household has one card used on two members' accounts.</summary>
    public double HouseholdCardShare { get; init; } = 0.10;

    /// <summary>Rings that reuse strong identifiers: size → count per 100,000 accounts.</summary>
    public IReadOnlyDictionary<int, int> StrongRingsPer100K { get; init; } = new Dictionary<int, int>
    {
        [2] = 400, [3] = 200, [5] = 60, [10] = 20, [20] = 6, [50] = 2,
    };

    /// <summary>Rings tied only by devices and networks: size → count per 100,000 accounts.</summary>
    public IReadOnlyDictionary<int, int> WeakRingsPer100K { get; init; } = new Dictionary<int, int>
    {
        [2] = 120, [3] = 60, [5] = 20,
    };

    /// <summary><paramref name="per100K"/> scaled to the population, at least one when the share is positive.</summary>
    public int Scaled(int per100K) => per100K == 0 ? 0 : Math.Max(1, (int)Math.Round(per100K * (Accounts + Newcomers) / 100_000.0));
}
