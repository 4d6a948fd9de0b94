using System.Text;

namespace Tiergate.Benchmarks;

/// <summary>2 KB prompts for the screening benchmarks (BenchmarkDotNet and SafeguardsPerf's per-call percentiles).</summary>
internal static class ScreeningPrompts
{
    /// <summary>Prose with punctuation, digits, quotes and Cyrillic, Chinese, Arabic and Greek sentences.</summary>
    public static string Realistic(int chars, string? inject = null)
    {
        string[] sentences =
        [
            "On 12 March 2025 the team (7 people) met at 09:30 to review Q1 figures: revenue rose 4.2% to $1,204,331.",
            "\"Can you summarise the report?\" she asked; the answer — three bullet points — arrived in 2 minutes.",
            "Встреча прошла хорошо, и мы обсудили планы на следующий квартал.",
            "我们明天下午三点在会议室讨论新的项目计划。",
            "سنناقش الخطة الجديدة في الاجتماع القادم يوم الثلاثاء.",
            "Η συνάντηση ήταν παραγωγική και σύντομη.",
            "Please send the draft to anna.k@example.org before Friday; version 3.1.4 fixed the CSV export bug #482.",
            "The garden needs 20 L of water per week in July, and the tomatoes ripen after ~60 days.",
        ];
        var sb = new StringBuilder(chars + 128);
        var i = 0;
        while (sb.Length < chars)
        {
            sb.Append(sentences[i++ % sentences.Length]).Append(' ');
            if (inject is not null && sb.Length >= chars / 2)
            {
                sb.Append(inject).Append(' ');
                inject = null;
            }
        }

        return sb.ToString(0, chars);
    }

    /// <summary>Every decoder has work: base64 and hex runs, entities, percent-escapes, hyphenated and line-broken words, near-misses of listed terms.</summary>
    public static string Hostile(int chars)
    {
        string[] pieces =
        [
            Convert.ToBase64String(Encoding.UTF8.GetBytes("the quick brown fox jumps over the lazy dog again")),
            Convert.ToHexString(Encoding.UTF8.GetBytes("hello there general")),
            "&#104;&#101;&#108;&#108;&#111; &amp; &lt;b&gt;",
            "%68%65%6C%6C%6F%20%77%6F%72%6C%64",
            "co-op re-entry well-\nknown x-ray a-b-c-d-e-f",
            "anthrex sarinn plutonim ransomwere ebolla",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes("nested layers of encoding here")))),
        ];
        var sb = new StringBuilder(chars + 128);
        var i = 0;
        while (sb.Length < chars)
        {
            sb.Append(pieces[i++ % pieces.Length]).Append(' ');
        }

        return sb.ToString(0, chars);
    }
}
