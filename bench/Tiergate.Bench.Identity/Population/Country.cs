namespace Tiergate.Bench.Identity.Population;

/// <summary>
/// A country as the generator needs it: its share of users, the calling code and a mobile number's national
/// digits (first digits fixed as carriers allocate them), and the shape of its passport or identity card number
/// (<c>A</c> a letter, <c>9</c> a digit, <c>X</c> either).
/// </summary>
internal sealed record Country(string Code, int Weight, string CallingCode, string MobilePrefix, int NationalDigits, string DocumentShape)
{
    public static readonly IReadOnlyList<Country> All =
    [
        new("US", 25, "1", "", 10, "999999999"),
        new("IN", 10, "91", "9", 10, "A9999999"),
        new("GB", 8, "44", "7", 10, "999999999"),
        new("DE", 8, "49", "15", 11, "AXXXXXXXX"),
        new("CN", 8, "86", "1", 11, "A99999999"),
        new("FR", 6, "33", "6", 9, "99AA99999"),
        new("CA", 5, "1", "", 10, "AA999999"),
        new("JP", 5, "81", "90", 10, "AA9999999"),
        new("BR", 5, "55", "119", 11, "AA999999"),
        new("IT", 4, "39", "3", 10, "AA9999999"),
        new("ES", 4, "34", "6", 9, "99999999A"),
        new("NG", 3, "234", "80", 10, "A99999999"),
        new("KR", 3, "82", "10", 10, "A99999999"),
        new("AU", 3, "61", "4", 9, "AA9999999"),
        new("NL", 2, "31", "6", 9, "AAXXXXXX9"),
        new("CH", 1, "41", "7", 9, "A9999999"),
    ];

    private static readonly int TotalWeight = All.Sum(c => c.Weight);

    public static Country Pick(Random random)
    {
        var draw = random.Next(TotalWeight);
        foreach (var country in All)
        {
            draw -= country.Weight;
            if (draw < 0)
            {
                return country;
            }
        }

        return All[^1];
    }
}
