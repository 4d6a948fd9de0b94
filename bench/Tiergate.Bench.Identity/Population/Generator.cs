using Tiergate.Core.Identity;

namespace Tiergate.Bench.Identity.Population;

/// <summary>
/// Builds the population from a seed (same seed, same population): planted rings first, then households,
/// then single people until the count is reached; the order is shuffled (ids interleave as sign-ups do) and
/// the last <see cref="PopulationOptions.Newcomers"/> accounts are kept back for the attach timing.
/// </summary>
internal sealed partial class Generator
{
    private readonly PopulationOptions _options;
    private readonly Random _random;
    private readonly World _world;
    private readonly EmailBook _emails;
    private readonly double[] _universityWeights;
    private readonly double[] _companyWeights;
    private readonly List<string> _issuedPhones = [];
    private readonly List<Account> _accounts = [];
    private readonly List<(RingDesign Design, int Size)> _rings = [];
    private int _nextPerson;

    private Generator(PopulationOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _world = new World(_random, options.Scaled(60), options.Scaled(200), options.Scaled(400), options.Scaled(3_000));
        _emails = new EmailBook(_random);
        _universityWeights = World.Cumulative(_world.Universities);
        _companyWeights = World.Cumulative(_world.Companies);
    }

    public static GeneratedPopulation Generate(PopulationOptions options) => new Generator(options).Run();

    private GeneratedPopulation Run()
    {
        var total = _options.Accounts + _options.Newcomers;
        foreach (var (design, plan) in new[] { (RingDesign.Strong, _options.StrongRingsPer100K), (RingDesign.WeakOnly, _options.WeakRingsPer100K) })
        {
            foreach (var (size, per100K) in plan.OrderBy(p => p.Key))
            {
                for (var i = 0; i < _options.Scaled(per100K); i++)
                {
                    PlantRing(design, size);
                }
            }
        }

        for (var h = 0; h < _options.Scaled(_options.HouseholdsPer100K) && _accounts.Count < total; h++)
        {
            AddHousehold(h);
        }

        while (_accounts.Count < total)
        {
            var person = NewPerson(-1);
            _accounts.Add(OrdinaryAccount(person, householdPhone: null, householdCard: null, householdDevice: null));
        }

        return Split(_accounts.Take(total).ToList());
    }

    private GeneratedPopulation Split(List<Account> all)
    {
        for (var i = all.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var kept = all.Take(_options.Accounts).Select((a, i) => a with { Index = i }).ToList();
        var newcomers = all.Skip(_options.Accounts).Select((a, i) => a with { Index = i }).ToList();
        var rings = kept.Where(a => a.RingId >= 0).GroupBy(a => a.RingId)
            .Where(g => g.Count() >= 2)
            .Select(g => new Ring(g.Key, _rings[g.Key].Design, _rings[g.Key].Size, g.Select(a => a.Index).ToList(), SharesStrong(g)))
            .OrderBy(r => r.Id)
            .ToList();
        return new GeneratedPopulation(_options, kept, newcomers, rings);
    }

    private static bool SharesStrong(IEnumerable<Account> accounts) =>
        accounts.SelectMany(a => a.Identifiers.Where(i => i.IsStrong).Select(i => i.Truth).Distinct())
            .GroupBy(t => t).Any(g => g.Count() >= 2);

    private Person NewPerson(int householdId, Country? country = null, Network? home = null)
    {
        var c = country ?? Country.Pick(_random);
        var affiliation = _random.NextDouble();
        var person = new Person
        {
            Id = _nextPerson++,
            Country = c,
            Home = home ?? _world.NewHome(c),
            HouseholdId = householdId,
            University = affiliation < _options.UniversityShare ? World.PickInstitution(_random, _world.Universities, _universityWeights) : null,
            Company = affiliation >= _options.UniversityShare && affiliation < _options.UniversityShare + _options.CompanyShare
                ? World.PickInstitution(_random, _world.Companies, _companyWeights) : null,
        };
        person.Devices.Add(Formats.NewDeviceId(_random));
        if (_random.NextDouble() < 0.3)
        {
            person.Devices.Add(Formats.NewDeviceId(_random));
        }

        return person;
    }

    private string NewPhone(Country country)
    {
        var digits = Formats.NewPhoneDigits(_random, country);
        _issuedPhones.Add(digits);
        return digits;
    }

    private IdentifierValue Phone(Country country, string digits) =>
        new(IdentifierKind.Phone, Formats.PhoneVariant(_random, digits, CallingCodeOf(digits, country)), "phone:" + digits);

    private static string CallingCodeOf(string digits, Country country) =>
        digits.StartsWith(country.CallingCode, StringComparison.Ordinal) ? country.CallingCode
            : Country.All.Select(c => c.CallingCode).Where(code => digits.StartsWith(code, StringComparison.Ordinal)).MaxBy(code => code.Length) ?? digits[..1];

    private IdentifierValue Document(Person person) =>
        new(IdentifierKind.Document, Formats.DocumentVariant(_random, person.Country.Code, person.Document!), $"doc:{person.Country.Code}:{person.Document}");

    private static IdentifierValue Card(string fingerprint) => new(IdentifierKind.Payment, fingerprint, "card:" + fingerprint);

    private static IdentifierValue Device(string id) => new(IdentifierKind.Device, id, "device:" + id);

    private static IdentifierValue EmailValue(string address) => new(IdentifierKind.Email, address, "mailbox:" + EmailBook.Mailbox(address));

    /// <summary>An address seen from <paramref name="network"/>, with the ASN announcing it.</summary>
    private void Seen(List<IdentifierValue> identifiers, Network network, bool preferV6 = false)
    {
        identifiers.Add(network.Address(_random, preferV6));
        identifiers.Add(network.AsnValue(_random));
    }

    /// <summary>Seen from home: over an account's life a dual-stack home shows its /24 and, most of the time, its /48 as well.</summary>
    private void SeenAtHome(List<IdentifierValue> identifiers, Network home)
    {
        Seen(identifiers, home);
        if (home.V6Prefix is not null && _random.NextDouble() < 0.7)
        {
            identifiers.Add(home.Address(_random, preferV6: true));
        }
    }

    /// <summary>One account of an ordinary person (alone, or in a household), with the usual noise.</summary>
    private Account OrdinaryAccount(Person person, string? householdPhone, string? householdCard, string? householdDevice)
    {
        var institution = person.University ?? person.Company;
        var email = institution is not null && _random.NextDouble() < 0.4 ? _emails.NewAddress(institution.Domain) : _emails.NewAddress(null);
        var ids = new List<IdentifierValue> { EmailValue(email) };
        if (_random.NextDouble() >= _options.NoPhoneShare)
        {
            var digits = _random.NextDouble() < _options.RecycledPhoneShare && _issuedPhones.Count > 0
                ? _issuedPhones[_random.Next(_issuedPhones.Count)] // The carrier gave this number to someone else before.
                : NewPhone(person.Country);
            ids.Add(Phone(person.Country, digits));
            if (_random.NextDouble() < 0.08)
            {
                ids.Add(Phone(person.Country, NewPhone(person.Country)));
            }
        }

        if (householdPhone is not null && _random.NextDouble() < _options.HouseholdPhoneShare)
        {
            ids.Add(Phone(person.Country, householdPhone));
        }

        if (_random.NextDouble() < _options.VerifiedShare)
        {
            person.Document = Formats.NewDocumentNumber(_random, person.Country);
            ids.Add(Document(person));
        }

        if (householdCard is not null)
        {
            ids.Add(Card(householdCard));
        }
        else if (_random.NextDouble() < _options.PaymentShare)
        {
            ids.Add(Card(Formats.NewCardFingerprint(_random)));
        }

        ids.AddRange(person.Devices.Select(Device));
        if (householdDevice is not null)
        {
            ids.Add(Device(householdDevice));
        }

        if (person.University is { LabDevices.Count: > 0 } university && _random.NextDouble() < _options.LabDeviceShare)
        {
            ids.Add(Device(university.LabDevices[_random.Next(university.LabDevices.Count)]));
        }

        AddNetworks(ids, person, homeShare: 0.85);
        return NewAccount(email, person, ringId: -1, ids);
    }

    private void AddNetworks(List<IdentifierValue> ids, Person person, double homeShare)
    {
        if (_random.NextDouble() < homeShare)
        {
            SeenAtHome(ids, person.Home);
        }

        if ((person.University ?? person.Company) is { } work && _random.NextDouble() < 0.8)
        {
            Seen(ids, work.Network, preferV6: _random.Next(3) == 0);
        }

        if (_random.NextDouble() < _options.MobileShare)
        {
            Seen(ids, _world.Carrier(person.Country));
        }

        if (_random.NextDouble() < _options.PublicWifiShare)
        {
            Seen(ids, _world.Hotspot());
        }

        if (_random.NextDouble() < _options.CloudShare)
        {
            Seen(ids, _world.Cloud());
        }

        if (!ids.Any(i => i.Kind == IdentifierKind.IpPrefix))
        {
            Seen(ids, _world.Carrier(person.Country)); // Everyone is seen from somewhere.
        }
    }

    private Account NewAccount(string email, Person person, int ringId, List<IdentifierValue> ids)
    {
        var distinct = ids.DistinctBy(i => (i.Kind, i.Truth)).ToList();
        var account = new Account(_accounts.Count, email, person.Id, ringId, person.HouseholdId, distinct);
        return account;
    }

    private void AddHousehold(int householdId)
    {
        var country = Country.Pick(_random);
        var home = _world.NewHome(country);
        var members = _random.Next(2, 5);
        var phone = NewPhone(country);
        var card = _random.NextDouble() < _options.HouseholdCardShare ? Formats.NewCardFingerprint(_random) : null;
        var familyComputer = _random.NextDouble() < 0.3 ? Formats.NewDeviceId(_random) : null;
        for (var m = 0; m < members; m++)
        {
            var person = NewPerson(householdId, country, home);
            _accounts.Add(OrdinaryAccount(person, phone, m < 2 ? card : null, familyComputer is not null && _random.Next(2) == 0 ? familyComputer : null));
        }
    }
}
