using System.Text;
using Tiergate.Safeguards.Defaults;
using Tiergate.Safeguards.Matching;

namespace Tiergate.Benchmarks.Safeguards;

/// <summary>Deterministic inputs: 5,000 terms (the default lists plus generated pseudo-words) and 2 KB prompts.</summary>
internal static class SafeguardsBenchmarkData
{
    private static readonly string[] Words =
    [
        "the", "model", "should", "help", "people", "write", "better", "reports", "about", "their", "garden", "and",
        "how", "water", "moves", "through", "soil", "after", "rain", "we", "measured", "growth", "every", "week",
        "with", "simple", "tools", "students", "compared", "results", "across", "three", "schools", "in", "spring",
    ];

    public static string SamplesDirectory =>
        SafeguardDefaults.FindSamplesDirectory(AppContext.BaseDirectory)
        ?? SafeguardDefaults.FindSamplesDirectory(Directory.GetCurrentDirectory())
        ?? throw new InvalidOperationException("samples/safeguards not found above the benchmark directory");

    public static List<Term> Terms(int count)
    {
        var terms = SafeguardDefaults.LoadTerms(SamplesDirectory).Terms.ToList();
        var random = new Random(42);
        string[] categories = ["bio", "chem", "radnuc", "cyber"];
        while (terms.Count < count)
        {
            var length = random.Next(6, 12);
            var word = new string(Enumerable.Range(0, length).Select(_ => (char)('a' + random.Next(26))).ToArray());
            var text = random.Next(4) == 0 ? word + " " + Words[random.Next(Words.Length)] : word;
            terms.Add(new Term(text, categories[random.Next(categories.Length)], 1));
        }

        return terms;
    }

    /// <summary>About <paramref name="bytes"/> of ordinary English-like text; <paramref name="inject"/> is placed in the middle.</summary>
    public static string Prompt(int bytes, string? inject = null)
    {
        var random = new Random(7);
        var sb = new StringBuilder();
        while (sb.Length < bytes)
        {
            sb.Append(Words[random.Next(Words.Length)]);
            sb.Append(random.Next(12) == 0 ? ". " : " ");
            if (inject is not null && sb.Length >= bytes / 2)
            {
                sb.Append(inject).Append(' ');
                inject = null;
            }
        }

        return sb.ToString(0, bytes);
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
