using Tiergate.Safeguards.Matching;
using Tiergate.Safeguards.Normalization;

namespace Tiergate.Safeguards.Decoding;

/// <summary>
/// Produces the readings of a text with its disguises undone, breadth first up to
/// <see cref="DecodingOptions.MaxDepth"/>, within the count and size bounds of <see cref="DecodingOptions"/>.
/// Thread-safe.
/// </summary>
public sealed class VariantGenerator
{
    private readonly (string Name, Func<string, string?> Decode)[] _decoders;

    private readonly TermMatcher? _triggers;
    private readonly ThreadLocal<(NormalizedText Buffer, MatchAccumulator Matches)> _scratch =
        new(() => (new NormalizedText(4096, trackSourceOffsets: false), new MatchAccumulator(16)));

    /// <param name="options">What to decode, and the bounds.</param>
    /// <param name="misspellings">Listed words to correct misspellings towards; none when null.</param>
    /// <param name="topics">
    /// Listed hazard names: when given, the text is read in rot13 or backwards only when it holds one of them
    /// in rot13 or backwards (one scan of the text, for all of them at once); otherwise always.
    /// </param>
    public VariantGenerator(DecodingOptions? options = null, FuzzyTermIndex? misspellings = null, IEnumerable<string>? topics = null)
    {
        Options = options ?? new DecodingOptions();
        if (topics is not null)
        {
            var triggers = new List<Term>();
            foreach (var topic in topics.Where(t => t.Length >= 4))
            {
                if (TextDecoders.Rot13(topic) is { } rot13 && topic.All(char.IsAscii))
                {
                    triggers.Add(new Term(rot13, "rot13"));
                }

                triggers.Add(new Term(TextDecoders.Reversed(topic)!, "reversed"));
            }

            _triggers = TermMatcher.Create(triggers);
        }

        var decoders = new List<(string, Func<string, string?>)>();
        Add(Options.Base64, "base64", TextDecoders.Base64);
        Add(Options.Hex, "hex", TextDecoders.Hex);
        Add(Options.UrlEncoding, "url", TextDecoders.Url);
        Add(Options.HtmlEntities, "html", TextDecoders.Html);
        Add(Options.JoinBrokenWords, "joined", TextDecoders.JoinBrokenWords);
        Add(Options.SpacedLetters, "spaced", TextDecoders.SpacedLetters);
        Add(Options.Lookalikes, "lookalikes", TextDecoders.LatinLookalikes);
        Add(Options.Rot13, "rot13", TextDecoders.Rot13);
        Add(Options.Reversed, "reversed", TextDecoders.Reversed);
        if (Options.Misspellings && misspellings is not null)
        {
            decoders.Add(("spelling", misspellings.Correct));
        }

        _decoders = [.. decoders];

        void Add(bool on, string name, Func<string, string?> decode)
        {
            if (on)
            {
                decoders.Add((name, decode));
            }
        }
    }

    public DecodingOptions Options { get; }

    /// <summary>Whether the text holds a listed name in rot13, backwards (both true without a topic list).</summary>
    private (bool Rot13, bool Reversed) Triggered(string text)
    {
        if (_triggers is null)
        {
            return (true, true);
        }

        var (buffer, matches) = _scratch.Value;
        _triggers.Match(text.AsSpan(), buffer, matches);
        bool rot13 = false, reversed = false;
        foreach (var id in matches.DistinctTermIds)
        {
            rot13 |= _triggers.Terms[id].Category == "rot13";
            reversed |= _triggers.Terms[id].Category == "reversed";
        }

        return (rot13, reversed);
    }

    public List<DecodedVariant> Variants(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var input = text.Length > Options.MaxInputChars ? text[..Options.MaxInputChars] : text;
        var budget = (long)Math.Max(input.Length, 256) * Options.MaxTotalFactor;
        var seen = new HashSet<string>(StringComparer.Ordinal) { input };
        var result = new List<DecodedVariant>();
        var frontier = new List<DecodedVariant> { new(string.Empty, input) };
        var (rot13, reversed) = Triggered(input);
        for (var depth = 0; depth < Options.MaxDepth && frontier.Count > 0; depth++)
        {
            var next = new List<DecodedVariant>();
            foreach (var source in frontier)
            {
                foreach (var (name, decode) in _decoders)
                {
                    // rot13 and reversal undo themselves: applying one to its own output gives the source back.
                    if (source.Form.EndsWith(name, StringComparison.Ordinal) && name is "rot13" or "reversed")
                    {
                        continue;
                    }

                    // On the text as written, rot13 and reversal only where a listed name shows in that form.
                    if (source.Form.Length == 0 && ((name == "rot13" && !rot13) || (name == "reversed" && !reversed)))
                    {
                        continue;
                    }

                    if (result.Count >= Options.MaxVariants || decode(source.Text) is not { } decoded || !seen.Add(decoded))
                    {
                        continue;
                    }

                    budget -= decoded.Length;
                    if (budget < 0)
                    {
                        return result;
                    }

                    var variant = new DecodedVariant(source.Form.Length == 0 ? name : $"{name}+{source.Form}", decoded);
                    result.Add(variant);
                    if (name is "base64" or "hex" or "url" or "html")
                    {
                        // Only a decoding can hide a second disguise inside (rot13 under base64); re-reading a
                        // rot13, reversed, joined or corrected text again finds nothing new and costs a screening.
                        next.Add(variant);
                    }
                }
            }

            frontier = next;
        }

        return result;
    }
}
