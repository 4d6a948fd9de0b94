namespace Tiergate.Core.Vetting;

/// <summary>
/// Checks free text people write into applications and reviews: bounded, and free of control and
/// bidirectional-override characters (which would let stored text rewrite a terminal or disguise itself).
/// Markup is allowed and kept as written: every view escapes it.
/// </summary>
public static class VettingText
{
    public const int MaxUseCaseLength = 4000;
    public const int MaxAffiliationLength = 300;
    public const int MaxLinks = 5;
    public const int MaxLinkLength = 500;

    /// <summary>Null when <paramref name="text"/> is acceptable for <paramref name="field"/>, otherwise the problem.</summary>
    public static string? Check(string field, string? text, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? $"{field} is required." : null;
        }

        if (text.Length > maxLength)
        {
            return $"{field} is {text.Length} characters long; at most {maxLength} are allowed.";
        }

        foreach (var c in text)
        {
            if ((char.IsControl(c) && c is not ('\n' or '\t' or '\r')) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return $"{field} holds a control or text-direction character (U+{(int)c:X4}); write plain text.";
            }
        }

        return null;
    }

    public static string? CheckReason(string? reason) => Check("The reason", reason, ReviewRules.MaxReasonLength, required: true);

    /// <summary>Null when every link is an absolute http or https URL within the bounds, otherwise the problem.</summary>
    public static string? CheckLinks(IReadOnlyList<string> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Count > MaxLinks)
        {
            return $"At most {MaxLinks} links are allowed; {links.Count} were given.";
        }

        foreach (var link in links)
        {
            if (Check("A link", link, MaxLinkLength, required: true) is { } problem)
            {
                return problem;
            }

            if (!Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0 || link.Any(char.IsWhiteSpace))
            {
                return $"'{(link.Length > 80 ? link[..80] + "…" : link)}' is not an http or https URL.";
            }
        }

        return null;
    }
}
