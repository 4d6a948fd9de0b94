namespace Tiergate.Safeguards.Decoding;

/// <summary>
/// Produces the readings of a text with its disguises undone, breadth first up to
/// <see cref="DecodingOptions.MaxDepth"/>, within the count and size bounds of <see cref="DecodingOptions"/>.
/// Thread-safe.
/// </summary>
public sealed class VariantGenerator
{
    private readonly (string Name, Func<string, string?> Decode)[] _decoders;

    public VariantGenerator(DecodingOptions? options = null, FuzzyTermIndex? misspellings = null)
    {
        Options = options ?? new DecodingOptions();
        var decoders = new List<(string, Func<string, string?>)>();
        Add(Options.Base64, "base64", TextDecoders.Base64);
        Add(Options.Hex, "hex", TextDecoders.Hex);
        Add(Options.UrlEncoding, "url", TextDecoders.Url);
        Add(Options.HtmlEntities, "html", TextDecoders.Html);
        Add(Options.JoinBrokenWords, "joined", TextDecoders.JoinBrokenWords);
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

    public List<DecodedVariant> Variants(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var input = text.Length > Options.MaxInputChars ? text[..Options.MaxInputChars] : text;
        var budget = (long)Math.Max(input.Length, 256) * Options.MaxTotalFactor;
        var seen = new HashSet<string>(StringComparer.Ordinal) { input };
        var result = new List<DecodedVariant>();
        var frontier = new List<DecodedVariant> { new(string.Empty, input) };
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
                    next.Add(variant);
                }
            }

            frontier = next;
        }

        return result;
    }
}
