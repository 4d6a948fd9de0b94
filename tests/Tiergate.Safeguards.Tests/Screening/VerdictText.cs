using System.Globalization;
using System.Text;
using Tiergate.Safeguards.Screening;

namespace Tiergate.Safeguards.Tests.Screening;

/// <summary>A verdict written out field by field (scores to the last bit), so two verdicts compare exactly.</summary>
internal static class VerdictText
{
    public static string Of(ScreeningResult result)
    {
        var text = new StringBuilder();
        foreach (var v in result.Verdicts)
        {
            text.Append(CultureInfo.InvariantCulture, $"{v.Category} flagged={v.Flagged} score={v.Score:R} stage={v.Stage}\n");
            foreach (var t in v.MatchedTerms)
            {
                text.Append(CultureInfo.InvariantCulture, $"  term '{t.Text}' w={t.Weight:R} [{t.Start},{t.End}) x{t.Occurrences}\n");
            }

            foreach (var e in v.Evidence)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {e.Stage} {e.Outcome} {e.Score:R} {e.Detail}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Appends <paramref name="text"/> to a new session in pieces cut at <paramref name="cuts"/> (any order, duplicates allowed).</summary>
    public static ScreeningSession Streamed(Screener screener, string text, IEnumerable<int> cuts)
    {
        var session = screener.Begin();
        var start = 0;
        foreach (var cut in cuts.Where(c => c > 0 && c < text.Length).Distinct().Order())
        {
            session.Append(text.AsSpan(start, cut - start));
            start = cut;
        }

        session.Append(text.AsSpan(start));
        return session;
    }
}
