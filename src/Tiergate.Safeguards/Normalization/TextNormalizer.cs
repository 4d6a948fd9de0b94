using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    internal const byte AsciiSeparator = 0;
    internal const byte AsciiLetter = 1;
    internal const byte AsciiDigit = 2;

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
    public void Normalize(ReadOnlySpan<char> text, NormalizedText output) =>
        Run(MemoryMarshal.Cast<char, ushort>(text), output);

    /// <summary>Normalises UTF-8 text; source offsets are byte indices. Invalid bytes act as separators.</summary>
    public void NormalizeUtf8(ReadOnlySpan<byte> utf8, NormalizedText output) => Run(utf8, output);

    [SkipLocalsInit]
    // Hot loop: compiled fully optimised at once (tiered PGO instrumentation and OSR cost ~2x for the first seconds).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Run<T>(ReadOnlySpan<T> text, NormalizedText output)
        where T : unmanaged, IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        Span<int> tokens = stackalloc int[3 * NormalizationWriter.TokenCapacity];
        Span<CharKind> kinds = stackalloc CharKind[NormalizationWriter.TokenCapacity];
        var writer = new NormalizationWriter(output, Options, tokens, kinds);
        var classes = AsciiClasses;
        var fast = AsciiFastPath;
        var runs = fast && typeof(T) == typeof(byte) && !output.TracksSourceOffsets;
        var i = 0;
        while (i < text.Length)
        {
            var c = int.CreateTruncating(text[i]);
            if (runs && c < 0x80 && writer.AtWordStart)
            {
                var next = writer.AppendAsciiRun(MemoryMarshal.Cast<T, byte>(text), i);
                if (next > i)
                {
                    i = next;
                    continue;
                }
            }

            if (c < 0x80)
            {
                if (fast)
                {
                    var kind = classes[c];
                    if (kind == AsciiSeparator)
                    {
                        var j = i + 1;
                        while (j < text.Length && int.CreateTruncating(text[j]) is var d && d < 0x80 && classes[d] == AsciiSeparator)
                        {
                            j++;
                        }

                        writer.AcceptAsciiSeparators(i, j - i);
                        i = j;
                        continue;
                    }

                    if (kind is AsciiLetter or AsciiDigit && writer.AtWordStart)
                    {
                        var j = i + 1;
                        var hasLetter = kind == AsciiLetter;
                        while (j < text.Length && int.CreateTruncating(text[j]) is var d && d < 0x80 && classes[d] is AsciiLetter or AsciiDigit)
                        {
                            hasLetter |= classes[d] == AsciiLetter;
                            j++;
                        }

                        if ((!hasLetter || j - i >= 2)
                            && (j == text.Length || (int.CreateTruncating(text[j]) is var e && e < 0x80 && classes[e] == AsciiSeparator)))
                        {
                            writer.AppendAsciiWord(text[i..j], i, hasLetter);
                            i = j;
                            continue;
                        }
                    }
                }

                writer.Accept(c, i, i + 1);
                i++;
                continue;
            }

            OperationStatus status;
            Rune rune;
            int consumed;
            if (typeof(T) == typeof(byte))
            {
                status = Rune.DecodeFromUtf8(MemoryMarshal.Cast<T, byte>(text[i..]), out rune, out consumed);
            }
            else
            {
                status = Rune.DecodeFromUtf16(MemoryMarshal.Cast<T, char>(text[i..]), out rune, out consumed);
            }

            if (status != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = Math.Max(consumed, 1);
            }

            writer.Accept(rune.Value, i, i + consumed);
            i += consumed;
        }

        writer.Complete();
    }

    /// <summary>ASCII classes: 0 separator, 1 letter, 2 digit, 3 leet symbol (<c>@ $ ! |</c>).</summary>
    internal static ReadOnlySpan<byte> AsciiClasses =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 3, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
        3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 3, 0, 0, 0,
    ];

    /// <summary>Convenience form that allocates: the normalised text as a string.</summary>
    public string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new NormalizedText(Math.Max(16, text.Length + 16));
        Normalize(text.AsSpan(), output);
        return output.ToString();
    }
}
