using System.Text;

namespace Tiergate.Bench.Identity.Population;

/// <summary>
/// The ways one phone number or one document number is written by different people, forms and vendors.
/// Every variant means the same thing; only a normaliser that gets it right links them.
/// </summary>
internal static class Formats
{
    private const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private const string Alphanumerics = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    /// <summary>A fresh mobile number: E.164 digits without the plus.</summary>
    public static string NewPhoneDigits(Random random, Country country)
    {
        var national = new StringBuilder(country.MobilePrefix);
        if (country.CallingCode == "1")
        {
            national.Append((char)('2' + random.Next(8))); // North American area codes never start with 0 or 1.
        }

        while (national.Length < country.NationalDigits)
        {
            national.Append((char)('0' + random.Next(10)));
        }

        return country.CallingCode + national;
    }

    /// <summary>One of the ways people type an E.164 number: compact, grouped by spaces, by dashes, with a dot.</summary>
    public static string PhoneVariant(Random random, string digits, string callingCode)
    {
        var national = digits[callingCode.Length..];
        return random.Next(4) switch
        {
            0 => "+" + digits,
            1 => $"+{callingCode} {Group(national, ' ')}",
            2 => $"+{callingCode}-{Group(national, '-')}",
            _ => $"+{callingCode} ({national[..3]}) {national[3..]}",
        };
    }

    /// <summary>A fresh document number in the country's shape.</summary>
    public static string NewDocumentNumber(Random random, Country country)
    {
        var number = new StringBuilder(country.DocumentShape.Length);
        foreach (var c in country.DocumentShape)
        {
            number.Append(c switch
            {
                'A' => Letters[random.Next(Letters.Length)],
                '9' => (char)('0' + random.Next(10)),
                _ => Alphanumerics[random.Next(Alphanumerics.Length)],
            });
        }

        return number.ToString();
    }

    /// <summary>
    /// <c>CC:NUMBER</c> as it reaches the graph: the canonical form, lower case, grouped by spaces or dashes
    /// ("AB 123-456" beside "ab123456").
    /// </summary>
    public static string DocumentVariant(Random random, string country, string number) => random.Next(5) switch
    {
        0 => $"{country}:{number}",
        1 => $"{country.ToLowerInvariant()}:{number.ToLowerInvariant()}",
        2 => $"{country}:{Group(number, ' ')}",
        3 => $"{country}:{number[..2]} {Group(number[2..], '-')}",
        _ => $"{country.ToLowerInvariant()}:{Group(number, '-').ToLowerInvariant()}",
    };

    /// <summary>A card fingerprint as Stripe returns it: 16 letters and digits, case-sensitive.</summary>
    public static string NewCardFingerprint(Random random)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(16, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    /// <summary>A device identifier as the console's cookie or a vendor's SDK sets it (a random UUID).</summary>
    public static string NewDeviceId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString();
    }

    private static string Group(string text, char separator)
    {
        var grouped = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (i > 0 && i % 3 == 0)
            {
                grouped.Append(separator);
            }

            grouped.Append(text[i]);
        }

        return grouped.ToString();
    }
}
