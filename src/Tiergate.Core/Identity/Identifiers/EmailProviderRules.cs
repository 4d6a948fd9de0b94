namespace Tiergate.Core.Identity.Identifiers;

/// <summary>
/// The mailbox an address delivers to, for providers that ignore parts of it: Gmail (gmail.com, and
/// googlemail.com, its other name) ignores dots in the local part and everything from <c>+</c>; Outlook, Hotmail,
/// Live, iCloud, Fastmail and Proton ignore everything from <c>+</c>. Other domains are left untouched: for them
/// <c>a.b</c> and <c>ab</c> may well be two people. Input is an address already normalised by the account rules
/// (Tiergate.Storage's <c>EmailAddress</c>: NFKC, case folded, trimmed).
/// </summary>
public static class EmailProviderRules
{
    private static readonly HashSet<string> DotsAndTags = new(StringComparer.Ordinal) { "gmail.com", "googlemail.com" };

    private static readonly HashSet<string> TagsOnly = new(StringComparer.Ordinal)
    {
        "outlook.com", "hotmail.com", "live.com", "msn.com",
        "icloud.com", "me.com", "mac.com",
        "fastmail.com", "fastmail.fm",
        "protonmail.com", "protonmail.ch", "proton.me", "pm.me",
    };

    /// <summary>The provider-normalised address; an address without one <c>@</c> is returned unchanged.</summary>
    public static string Apply(string normalisedAddress)
    {
        ArgumentNullException.ThrowIfNull(normalisedAddress);
        var at = normalisedAddress.LastIndexOf('@');
        if (at <= 0)
        {
            return normalisedAddress;
        }

        var local = normalisedAddress[..at];
        var domain = normalisedAddress[(at + 1)..];
        var dots = DotsAndTags.Contains(domain);
        if (!dots && !TagsOnly.Contains(domain))
        {
            return normalisedAddress;
        }

        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            local = local[..plus];
        }

        if (dots)
        {
            local = local.Replace(".", "", StringComparison.Ordinal);
            domain = "gmail.com";
        }

        // "+tag@gmail.com" has no mailbox left: keep the address as written rather than invent an empty one.
        return local.Length == 0 ? normalisedAddress : local + "@" + domain;
    }
}
