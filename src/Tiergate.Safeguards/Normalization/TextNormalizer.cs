using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Tiergate.Safeguards.Normalization;

/// <summary>
/// Normalises text for matching and classification: Unicode NFKC, case folding, removal of
/// zero-width and bidi controls, diacritics and Latin-target confusables (UTS #39), leetspeak
/// and spacing/punctuation obfuscation. Output keeps a map back to source offsets.
/// Thread-safe; the <see cref="NormalizedText"/> buffer is not.
/// </summary>
public sealed class TextNormalizer
{
    private const int AsciiSeparator = 0;
    private const int AsciiLetter = 1;
    private const int AsciiOther = 2;
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string WordOrLeet = Letters + "0123456789@$!|";

    private static readonly SearchValues<char> AsciiLetters16 = SearchValues.Create(Letters);
    private static readonly SearchValues<byte> AsciiLetters8 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);
    private static readonly SearchValues<char> AsciiWordOrLeet = SearchValues.Create(WordOrLeet);

    public TextNormalizer(NormalizerOptions? options = null)
    {
        Options = options ?? NormalizerOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(Options.MaxJoinSeparatorLength);
    }

    public static TextNormalizer Default { get; } = new();

    public NormalizerOptions Options { get; }

    /// <summary>Bulk path for plain ASCII words and separators; off only in tests that check it changes nothing.</summary>
    internal bool AsciiFastPath { get; init; } = true;

    /// <summary>Normalises UTF-16 text; source offsets are UTF-16 code unit indices.</summary>
    [SkipLocalsInit]
    public void Normalize(ReadOnlySpan<char> text, NormalizedText output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<int> tokens = stackalloc int[3 * NormalizationWriter.TokenCapacity];
        Span<CharKind> kinds = stackalloc CharKind[NormalizationWriter.TokenCapacity];
        var writer = new NormalizationWriter(output, Options, tokens, kinds);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 0x80 && AsciiFastPath)
            {
                var kind = AsciiKind(c);
                if (kind == AsciiLetter && writer.AtWordStart)
                {
                    var run = text[i..].IndexOfAnyExcept(AsciiLetters16);
                    run = run < 0 ? text.Length - i : run;
                    if (run >= 2 && (i + run == text.Length || AsciiKind(text[i + run]) == AsciiSeparator))
                    {
                        writer.AppendAsciiWord(text.Slice(i, run), i);
                        i += run;
                        continue;
                    }
                }
                else if (kind == AsciiSeparator)
                {
                    writer.AcceptAsciiSeparator(i);
                    i++;
                    continue;
                }

                writer.Accept(c, i, i + 1);
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = Math.Max(consumed, 1);
            }

            writer.Accept(rune.Value, i, i + consumed);
            i += consumed;
        }

        writer.Complete();
    }

    /// <summary>Normalises UTF-8 text; source offsets are byte indices. Invalid bytes act as separators.</summary>
    [SkipLocalsInit]
    public void NormalizeUtf8(ReadOnlySpan<byte> utf8, NormalizedText output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<int> tokens = stackalloc int[3 * NormalizationWriter.TokenCapacity];
        Span<CharKind> kinds = stackalloc CharKind[NormalizationWriter.TokenCapacity];
        var writer = new NormalizationWriter(output, Options, tokens, kinds);
        var i = 0;
        while (i < utf8.Length)
        {
            var b = utf8[i];
            if (b < 0x80 && AsciiFastPath)
            {
                var kind = AsciiKind(b);
                if (kind == AsciiLetter && writer.AtWordStart)
                {
                    var run = utf8[i..].IndexOfAnyExcept(AsciiLetters8);
                    run = run < 0 ? utf8.Length - i : run;
                    if (run >= 2 && (i + run == utf8.Length || AsciiKind(utf8[i + run]) == AsciiSeparator))
                    {
                        writer.AppendAsciiWord(utf8.Slice(i, run), i);
                        i += run;
                        continue;
                    }
                }
                else if (kind == AsciiSeparator)
                {
                    writer.AcceptAsciiSeparator(i);
                    i++;
                    continue;
                }

                writer.Accept(b, i, i + 1);
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf8(utf8[i..], out var rune, out var consumed) != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = Math.Max(consumed, 1);
            }

            writer.Accept(rune.Value, i, i + consumed);
            i += consumed;
        }

        writer.Complete();
    }

    /// <summary>Kind of an ASCII unit (below 0x80): letter, separator, or other (digit, leet symbol) for the slow path.</summary>
    private static int AsciiKind(int c) =>
        (uint)((c | 0x20) - 'a') <= 'z' - 'a' ? AsciiLetter : AsciiWordOrLeet.Contains((char)c) ? AsciiOther : AsciiSeparator;

    /// <summary>Convenience form that allocates: the normalised text as a string.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new NormalizedText(Math.Max(16, text.Length + 16));
        Normalize(text.AsSpan(), output);
        return output.ToString();
    }
}
