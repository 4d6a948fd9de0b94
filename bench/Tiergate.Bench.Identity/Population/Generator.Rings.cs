using Tiergate.Core.Identity;

namespace Tiergate.Bench.Identity.Population;

/// <summary>Planted rings: one person behind several accounts.</summary>
internal sealed partial class Generator
{
    /// <summary>
    /// One person opens <paramref name="size"/> accounts. A strong ring reuses some of the person's document (in
    /// different spellings), one to three phones, one or two cards and devices, and the home network, each account a
    /// different random subset and never all of it, with a fresh address each time (sometimes a Gmail variant of
    /// the person's own). A weak-only ring has no document, fresh burner phones and cards, and is tied only by
    /// shared devices and the home network.
    /// </summary>
    private void PlantRing(RingDesign design, int size)
    {
        var ringId = _rings.Count;
        _rings.Add((design, size));
        var person = NewPerson(-1);
        if (design == RingDesign.Strong)
        {
            if (_random.NextDouble() < 0.85)
            {
                person.Document = Formats.NewDocumentNumber(_random, person.Country);
            }

            for (var i = _random.Next(1, 4); i > 0; i--)
            {
                person.Phones.Add(NewPhone(person.Country));
            }

            for (var i = _random.NextDouble() < 0.7 ? _random.Next(1, 3) : 0; i > 0; i--)
            {
                person.Cards.Add(Formats.NewCardFingerprint(_random));
            }
        }

        if (_random.Next(2) == 0)
        {
            person.Devices.Add(Formats.NewDeviceId(_random));
        }

        var personalEmail = _emails.NewAddress(null);
        person.Gmail = EmailBook.IsGmail(personalEmail) ? personalEmail : null;
        for (var a = 0; a < size; a++)
        {
            var email = a == 0 ? personalEmail
                : person.Gmail is not null && design == RingDesign.Strong && _random.NextDouble() < 0.15 ? _emails.GmailVariant(person.Gmail)
                : _emails.NewAddress(null);
            var ids = design == RingDesign.Strong ? StrongRingAccount(person) : WeakRingAccount(person);
            ids.Insert(0, EmailValue(email));
            _accounts.Add(NewAccount(email, person, ringId, NeverAll(person, ids)));
        }
    }

    private List<IdentifierValue> StrongRingAccount(Person person)
    {
        var ids = new List<IdentifierValue>();
        if (person.Document is not null && _random.NextDouble() < 0.55)
        {
            ids.Add(Document(person));
        }

        if (_random.NextDouble() < 0.7)
        {
            ids.Add(Phone(person.Country, person.Phones[_random.Next(person.Phones.Count)]));
        }
        else if (_random.NextDouble() < 0.5)
        {
            ids.Add(Phone(person.Country, NewPhone(person.Country))); // A burner SIM.
        }

        if (person.Cards.Count > 0 && _random.NextDouble() < 0.45)
        {
            ids.Add(Card(person.Cards[_random.Next(person.Cards.Count)]));
        }
        else if (_random.NextDouble() < 0.15)
        {
            ids.Add(Card(Formats.NewCardFingerprint(_random))); // A prepaid card.
        }

        AddRingDevicesAndNetworks(ids, person, ownDevice: 0.65, home: 0.55);
        return ids;
    }

    private List<IdentifierValue> WeakRingAccount(Person person)
    {
        var ids = new List<IdentifierValue>();
        if (_random.NextDouble() < 0.6)
        {
            ids.Add(Phone(person.Country, NewPhone(person.Country)));
        }

        if (_random.NextDouble() < 0.2)
        {
            ids.Add(Card(Formats.NewCardFingerprint(_random)));
        }

        AddRingDevicesAndNetworks(ids, person, ownDevice: 0.75, home: 0.7);
        return ids;
    }

    private void AddRingDevicesAndNetworks(List<IdentifierValue> ids, Person person, double ownDevice, double home)
    {
        if (_random.NextDouble() < ownDevice)
        {
            ids.Add(Device(person.Devices[_random.Next(person.Devices.Count)]));
        }

        if (!ids.Any(i => i.Kind == IdentifierKind.Device) || _random.NextDouble() < 0.4)
        {
            ids.Add(Device(Formats.NewDeviceId(_random))); // A fresh browser profile or virtual machine.
        }

        if (_random.NextDouble() < home)
        {
            SeenAtHome(ids, person.Home);
        }

        if (_random.NextDouble() < 0.45)
        {
            Seen(ids, _world.Cloud()); // A VPN exit or a cloud machine: shared with strangers.
        }

        if (_random.NextDouble() < 0.25 || !ids.Any(i => i.Kind == IdentifierKind.IpPrefix))
        {
            Seen(ids, _world.Carrier(person.Country));
        }
    }

    /// <summary>
    /// No account carries the whole of the person: if one drew the document, every phone, every card, every device
    /// and the home network, it drops one of them at random.
    /// </summary>
    private List<IdentifierValue> NeverAll(Person person, List<IdentifierValue> ids)
    {
        var truths = ids.Select(i => i.Truth).ToHashSet(StringComparer.Ordinal);
        var everything = person.Phones.Select(p => "phone:" + p)
            .Concat(person.Cards.Select(c => "card:" + c))
            .Concat(person.Devices.Select(d => "device:" + d))
            .Concat(person.Document is null ? [] : [$"doc:{person.Country.Code}:{person.Document}"])
            .ToList();
        if (everything.Count > 0 && everything.All(truths.Contains))
        {
            var dropped = everything[_random.Next(everything.Count)];
            ids.RemoveAll(i => i.Truth == dropped);
        }

        return ids;
    }
}
