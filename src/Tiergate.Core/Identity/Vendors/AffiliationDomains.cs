using System.Globalization;

namespace Tiergate.Core.Identity.Vendors;

/// <summary>
/// The research organisations' domains whose addresses confirm an affiliation (<c>identity.affiliation_domains</c>).
/// A listed domain matches itself and its subdomains on a label boundary: <c>ox.ac.uk</c> matches <c>cs.ox.ac.uk</c>,
/// never <c>evil-ox.ac.uk</c> or <c>ox.ac.uk.example</c>. Names compare in their ASCII (punycode) form, case-insensitively.
/// </summary>
public sealed class AffiliationDomains
{
    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };
    private readonly string[] _domains;

    public AffiliationDomains(IEnumerable<string> domains)
    {
        ArgumentNullException.ThrowIfNull(domains);
        _domains = domains.Select(d => Normalise(d) ?? throw new ArgumentException($"'{d}' is not a domain name", nameof(domains))).Distinct(StringComparer.Ordinal).ToArray();
    }

    public static AffiliationDomains None { get; } = new([]);

    public bool IsEmpty => _domains.Length == 0;

    public IReadOnlyList<string> Domains => _domains;

    /// <summary>The listed domain the address is at (itself or a subdomain), or null.</summary>
    public string? Match(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        if (at <= 0 || Normalise(email![(at + 1)..]) is not { } host)
        {
            return null;
        }

        return _domains.FirstOrDefault(d => host == d || host.EndsWith("." + d, StringComparison.Ordinal));
    }

    /// <summary>A domain name in lower-case ASCII with at least two labels, or null when it is not one.</summary>
    public static string? Normalise(string? domain)
    {
        var text = domain?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(text) || text.Length > 253)
        {
            return null;
        }

        try
        {
            var ascii = Idn.GetAscii(text).ToLowerInvariant();
            var labels = ascii.Split('.');
            return labels.Length >= 2 && labels.All(l => l.Length is > 0 and <= 63) ? ascii : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
