namespace Tiergate.Safeguards.Guards;

/// <summary>
/// Reads a Yes/No guard answer: ShieldGemma's "Yes"/"No" at the start, Granite Guardian's "Yes"/"No" or
/// (3.3) <c>&lt;score&gt; yes &lt;/score&gt;</c> after its reasoning. Anything else is unreadable.
/// </summary>
internal static class YesNoAnswer
{
    public static bool Read(string content)
    {
        var text = content.Trim();
        var score = text.LastIndexOf("<score>", StringComparison.OrdinalIgnoreCase);
        if (score >= 0)
        {
            text = text[(score + "<score>".Length)..].Trim();
        }

        if (text.StartsWith("yes", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        throw new GuardUnavailableException("unreadable answer");
    }
}
