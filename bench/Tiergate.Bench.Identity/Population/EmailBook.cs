namespace Tiergate.Bench.Identity.Population;

/// <summary>
/// Hands out sign-in addresses: a provider mix like a real user base's (Gmail first, then institutional and
/// national providers), local parts built from names the way people build them, each address unique as
/// the provider sees it (so two unrelated people never collide, even after Gmail's dot and <c>+tag</c> rules),
/// and, for a ring, Gmail variants of one person's address that reach one inbox.
/// </summary>
internal sealed class EmailBook(Random random)
{
    private static readonly string[] FirstNames =
    [
        "james", "mary", "wei", "li", "priya", "arjun", "fatima", "mohammed", "anna", "lukas", "sofia", "mateo",
        "yuki", "haruto", "olga", "ivan", "chen", "jing", "aisha", "emeka", "chloe", "louis", "giulia", "marco",
        "lucia", "pablo", "ji-woo", "min-jun", "olivia", "noah", "emma", "liam", "amelia", "oliver", "zara", "ravi",
        "ana", "joao", "thabo", "nomsa", "sven", "ingrid", "pieter", "femke", "david", "sarah", "michael", "laura",
        "daniel", "julia", "thomas", "elena", "kenji", "sakura", "omar", "leila", "tomas", "eva", "hugo", "ines",
    ];

    private static readonly string[] LastNames =
    [
        "smith", "johnson", "wang", "li", "zhang", "patel", "sharma", "kumar", "singh", "mueller", "schmidt", "garcia",
        "martinez", "rossi", "bianchi", "dubois", "martin", "bernard", "tanaka", "suzuki", "sato", "kim", "lee", "park",
        "nguyen", "tran", "okafor", "adeyemi", "silva", "santos", "oliveira", "jansen", "devries", "novak", "ivanova",
        "brown", "wilson", "taylor", "anderson", "thomas", "moore", "jackson", "white", "harris", "clark", "lewis",
        "walker", "hall", "young", "king", "wright", "lopez", "hill", "scott", "green", "adams", "baker", "nelson",
        "fischer", "weber", "meyer", "wagner", "becker", "hoffmann", "kowalski", "nowak", "yilmaz", "demir", "cohen",
    ];

    private static readonly (string Domain, int Weight)[] Providers =
    [
        ("gmail.com", 38), ("outlook.com", 9), ("hotmail.com", 5), ("yahoo.com", 5), ("icloud.com", 5),
        ("proton.me", 3), ("qq.com", 3), ("163.com", 2), ("gmx.de", 2), ("web.de", 2), ("yandex.ru", 1),
        ("naver.com", 1), ("orange.fr", 1), ("fastmail.com", 1),
    ];

    private static readonly int ProviderWeight = Providers.Sum(p => p.Weight);

    private readonly HashSet<string> _mailboxes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _addresses = new(StringComparer.Ordinal);

    /// <summary>A fresh personal address, or an institutional one at <paramref name="institution"/> when given.</summary>
    public string NewAddress(string? institution)
    {
        var domain = institution ?? PickProvider();
        while (true)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var local = random.Next(8) switch
            {
                0 => $"{first}.{last}",
                1 => $"{first}{last}",
                2 => $"{first[0]}.{last}",
                3 => $"{first}.{last}{random.Next(1960, 2008)}",
                4 => $"{first}_{last}{random.Next(100)}",
                5 => $"{last}.{first}",
                6 => $"{first}{last[0]}{random.Next(1000)}",
                _ => $"{first[0]}{last}{random.Next(10, 99)}",
            };
            if (domain == "gmail.com" && random.Next(12) == 0)
            {
                local += "+" + (random.Next(2) == 0 ? "ai" : "research"); // Some people tag the address they sign up with.
            }

            var address = $"{local}@{domain}";
            if (_mailboxes.Add(Mailbox(address)))
            {
                _addresses.Add(address);
                return address;
            }
        }
    }

    /// <summary>
    /// Another address for the inbox of a Gmail <paramref name="address"/>: dots moved, a <c>+tag</c> added, letters
    /// capitalised — distinct as typed (and as the users table stores it), one mailbox in Gmail's eyes.
    /// </summary>
    public string GmailVariant(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var plus = address.IndexOf('+', StringComparison.Ordinal);
        var bare = address[..(plus > 0 ? plus : at)].Replace(".", "", StringComparison.Ordinal);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var local = bare;
            var dots = random.Next(0, 3);
            for (var i = 0; i < dots && local.Length > 2; i++)
            {
                var position = random.Next(1, local.Length - 1);
                if (local[position - 1] != '.' && local[position] != '.')
                {
                    local = local.Insert(position, ".");
                }
            }

            if (random.Next(2) == 0)
            {
                local += "+" + (random.Next(3) switch { 0 => "tg", 1 => random.Next(100).ToString("00", System.Globalization.CultureInfo.InvariantCulture), _ => "work" });
            }

            var variant = $"{local}@gmail.com";
            if (_addresses.Add(variant))
            {
                return variant;
            }
        }

        return NewAddress(null); // Out of variants for a short name: a fresh address instead.
    }

    public static bool IsGmail(string address) => address.EndsWith("@gmail.com", StringComparison.Ordinal);

    /// <summary>The inbox an address reaches: Gmail ignores dots and <c>+tag</c>; other providers only the tag.</summary>
    public static string Mailbox(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var local = address[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            local = local[..plus];
        }

        return IsGmail(address) ? local.Replace(".", "", StringComparison.Ordinal) + "@gmail.com" : local + address[at..];
    }

    private string PickProvider()
    {
        var draw = random.Next(ProviderWeight);
        foreach (var (domain, weight) in Providers)
        {
            draw -= weight;
            if (draw < 0)
            {
                return domain;
            }
        }

        return Providers[0].Domain;
    }
}
