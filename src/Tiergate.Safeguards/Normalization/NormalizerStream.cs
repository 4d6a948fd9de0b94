using System.Buffers;
using System.Text;

namespace Tiergate.Safeguards.Normalization;

/// <summary>
/// Normalises a text that arrives in pieces, with the same output and source offsets as normalising it
/// whole with <see cref="TextNormalizer"/>. <see cref="Output"/> holds the committed output: bytes that no
/// later piece can change. What the writer still holds back (the last word, a pending separator or leet
/// symbol, half a surrogate pair) is written only provisionally by <see cref="WriteTail"/>, for a verdict on
/// the text so far, and dropped again with <see cref="DropTail"/>. Work per appended char is O(1).
/// </summary>
internal sealed class NormalizerStream
{
    private readonly int[] _tokens = new int[3 * NormalizationWriter.TokenCapacity];
    private readonly CharKind[] _kinds = new CharKind[NormalizationWriter.TokenCapacity];
    private readonly int[] _tailTokens = new int[3 * NormalizationWriter.TokenCapacity];
    private readonly CharKind[] _tailKinds = new CharKind[NormalizationWriter.TokenCapacity];
    private NormalizationWriterState _state;
    private bool _highSurrogatePending;
    private char _highSurrogate;
    private int _committed;

    public NormalizerStream(NormalizerOptions options)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxJoinSeparatorLength);
    }

    public NormalizerOptions Options { get; }

    /// <summary>Committed output, plus the provisional tail between <see cref="WriteTail"/> and <see cref="DropTail"/>.</summary>
    public NormalizedText Output { get; } = new(1024);

    /// <summary>Bytes of <see cref="Output"/> that are final.</summary>
    public int CommittedLength => _committed;

    /// <summary>UTF-16 code units appended so far (the source offset of the next piece).</summary>
    public int SourceLength { get; private set; }

    /// <summary>Normalises the next piece; source offsets continue from the pieces before.</summary>
    public void Append(ReadOnlySpan<char> piece)
    {
        if (piece.IsEmpty)
        {
            return;
        }

        var writer = new NormalizationWriter(Output, Options, _tokens, _kinds, _state);
        var offset = SourceLength;
        SourceLength += piece.Length;
        if (_highSurrogatePending)
        {
            // The pair's first half ended the last piece: decode it as normalising the whole text would.
            _highSurrogatePending = false;
            var start = offset - 1;
            if (char.IsLowSurrogate(piece[0]))
            {
                writer.Accept(char.ConvertToUtf32(_highSurrogate, piece[0]), start, start + 2);
                piece = piece[1..];
                offset++;
            }
            else
            {
                writer.Accept(Rune.ReplacementChar.Value, start, start + 1);
            }
        }

        Run(ref writer, piece, offset);
        _state = writer.Save();
        _committed = Output.Length;
    }

    /// <summary>
    /// Writes, after the committed output, what normalising the text so far as a whole text would add at its
    /// end; returns the committed length. Nothing committed changes; call <see cref="DropTail"/> when done.
    /// </summary>
    public int WriteTail()
    {
        Array.Copy(_tokens, _tailTokens, _tokens.Length);
        Array.Copy(_kinds, _tailKinds, _kinds.Length);
        var writer = new NormalizationWriter(Output, Options, _tailTokens, _tailKinds, _state);
        if (_highSurrogatePending)
        {
            writer.Accept(Rune.ReplacementChar.Value, SourceLength - 1, SourceLength);
        }

        writer.Complete();
        return _committed;
    }

    public void DropTail() => Output.Truncate(_committed);

    /// <summary>
    /// <see cref="TextNormalizer"/>'s loop for one piece: the same fast paths, except that an ASCII word is
    /// taken in bulk only when a separator follows it inside the piece (the next piece may continue it),
    /// and a high surrogate that ends the piece waits for the next one.
    /// </summary>
    private void Run(ref NormalizationWriter writer, ReadOnlySpan<char> text, int offset)
    {
        var classes = TextNormalizer.AsciiClasses;
        var i = 0;
        while (i < text.Length)
        {
            int c = text[i];
            if (c < 0x80)
            {
                var kind = classes[c];
                if (kind == TextNormalizer.AsciiSeparator)
                {
                    var j = i + 1;
                    while (j < text.Length && text[j] < 0x80 && classes[text[j]] == TextNormalizer.AsciiSeparator)
                    {
                        j++;
                    }

                    writer.AcceptAsciiSeparators(offset + i, j - i);
                    i = j;
                    continue;
                }

                if (kind is TextNormalizer.AsciiLetter or TextNormalizer.AsciiDigit && writer.AtWordStart)
                {
                    var j = i + 1;
                    var hasLetter = kind == TextNormalizer.AsciiLetter;
                    while (j < text.Length && text[j] < 0x80 && classes[text[j]] is TextNormalizer.AsciiLetter or TextNormalizer.AsciiDigit)
                    {
                        hasLetter |= classes[text[j]] == TextNormalizer.AsciiLetter;
                        j++;
                    }

                    if ((!hasLetter || j - i >= 2) && j < text.Length && text[j] < 0x80 && classes[text[j]] == TextNormalizer.AsciiSeparator)
                    {
                        writer.AppendAsciiWord(text[i..j], offset + i, hasLetter);
                        i = j;
                        continue;
                    }
                }

                writer.Accept(c, offset + i, offset + i + 1);
                i++;
                continue;
            }

            var status = Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
            if (status == OperationStatus.NeedMoreData)
            {
                _highSurrogatePending = true;
                _highSurrogate = text[i];
                return;
            }

            if (status != OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
                consumed = Math.Max(consumed, 1);
            }

            writer.Accept(rune.Value, offset + i, offset + i + consumed);
            i += consumed;
        }
    }
}
