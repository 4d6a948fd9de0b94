using System.Globalization;
using System.Text;
using System.Text.Json;
using Tiergate.Safeguards.Defaults;
using Tiergate.Safeguards.Screening;

/// <summary>
/// Development-time check of the default cascade on an evaluation file (the lead's `tiergate safeguards eval`
/// is the product command): every item plain and in four obfuscated forms; an item counts as blocked when
/// any category is flagged (the sample policy's general tier blocks all four). Conversations are screened
/// as the gateway screens them (every message's text, joined).
/// </summary>
internal static class ScreenEval
{
    private static readonly string[] Forms = ["plain", "zero-width", "homoglyph", "leet", "spaced"];

    public static int Run(string samples, string input, bool showMisses, double? threshold = null)
    {
        var screener = SafeguardDefaults.CreateDefaultInputScreener(
            samples,
            classifier: threshold is { } p ? SafeguardDefaults.InputClassifierOptions with { Threshold = p } : null);
        var counts = new Dictionary<string, (int Blocked, int Total)>(StringComparer.Ordinal);
        var misses = new List<string>();
        foreach (var line in File.ReadLines(input))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var kind = root.GetProperty("kind").GetString()!;
            var category = root.GetProperty("category").GetString()!;
            var lang = root.TryGetProperty("lang", out var l) ? l.GetString()! : "en";
            var turns = root.TryGetProperty("messages", out var m)
                ? m.EnumerateArray().Where(x => x.GetProperty("role").GetString() == "user").Select(x => Content(x.GetProperty("content"))).ToList()
                : [root.GetProperty("text").GetString()!];
            foreach (var form in Forms)
            {
                var texts = turns.Select(t => Obfuscate(t, form)).ToList();
                var result = screener.ScreenConversation(texts);
                var blocked = result.AnyFlagged;
                foreach (var key in new[] { $"{kind} all {form}", $"{kind} {category} {form}", $"{kind} lang={lang} {form}" })
                {
                    var (b, t) = counts.GetValueOrDefault(key);
                    counts[key] = (b + (blocked ? 1 : 0), t + 1);
                }

                if (showMisses && (kind == "harmful") != blocked)
                {
                    misses.Add($"{(blocked ? "FP" : "MISS")} {form} {category} {lang}: {string.Join(" || ", turns)}{(blocked ? "  <= " + string.Join("; ", result.Flagged.Select(f => f.Category + ":" + f.Stage + ":" + (f.Evidence.Count > 0 ? f.Evidence[^1].Detail : ""))) : "")}");
                }
            }
        }

        foreach (var (key, (blocked, total)) in counts.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key,-32} blocked {blocked,4}/{total,-4} {100.0 * blocked / total,6:F1} %"));
        }

        foreach (var miss in misses)
        {
            Console.WriteLine(miss);
        }

        return 0;
    }

    /// <summary>A message's text: a string, or its text parts joined by a line break (as the gateway joins them).</summary>
    private static string Content(JsonElement content) =>
        content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Join('\n', content.EnumerateArray().Where(p => p.TryGetProperty("text", out _)).Select(p => p.GetProperty("text").GetString()));

    private static string Obfuscate(string text, string form)
    {
        var sb = new StringBuilder(text.Length * 2);
        switch (form)
        {
            case "zero-width":
                foreach (var c in text)
                {
                    sb.Append(c);
                    if (char.IsLetter(c))
                    {
                        sb.Append('\u200B');
                    }
                }

                return sb.ToString();
            case "homoglyph":
                return text.Replace('a', '\u0430').Replace('e', '\u0435').Replace('o', '\u043E').Replace('c', '\u0441').Replace('p', '\u0440');
            case "leet":
                return text.Replace('a', '4').Replace('e', '3').Replace('i', '1').Replace('o', '0').Replace('s', '5');
            case "spaced":
                var words = text.Split(' ');
                return string.Join(" / ", words.Select(w => w.Length >= 4 && w.All(char.IsLetter) ? string.Join(' ', w.ToCharArray()) : w));
            default:
                return text;
        }
    }
}
