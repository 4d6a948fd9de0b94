using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Tiergate.Safeguards.Normalization;

/// <summary>
/// Turns a stream of source code points (with their source offsets) into normalised output:
/// folded, words separated by exactly one space, leetspeak folded inside words, and runs of
/// single letters joined. Words are buffered so leetspeak can depend on the whole word.
/// </summary>
internal ref struct NormalizationWriter
{
    public const int TokenCapacity = 128;

    private readonly NormalizedText _output;
    private readonly FoldTable _fold;
    private readonly bool _leet;
    private readonly bool _join;
    private readonly int _maxJoin;
    private readonly Span<int> _tokenCodePoints;
    private readonly Span<int> _tokenStarts;
    private readonly Span<int> _tokenEnds;
    private readonly Span<CharKind> _tokenKinds;
    private int _count;
    private bool _hasLetter;
    private bool _symbolPending;
    private int _symbol;
    private int _symbolStart;
    private int _symbolEnd;
    private bool _separatorPending;
    private int _separatorStart;
    private int _separatorEnd;
    private int _separatorCount;
    private bool _lastSingleLetter;

    // Per document: optimised at once (docs/filtering.md, "No tiering penalty").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public NormalizationWriter(NormalizedText output, NormalizerOptions options, Span<int> tokenBuffer, Span<CharKind> kindBuffer)
    {
        _output = output;
        _fold = FoldTable.Default;
        _leet = options.FoldLeetspeak;
        _join = options.JoinSpacedLetters;
        _maxJoin = options.MaxJoinSeparatorLength;
        _tokenCodePoints = tokenBuffer[..TokenCapacity];
        _tokenStarts = tokenBuffer.Slice(TokenCapacity, TokenCapacity);
        _tokenEnds = tokenBuffer.Slice(2 * TokenCapacity, TokenCapacity);
        _tokenKinds = kindBuffer[..TokenCapacity];
        output.Clear();
    }

    /// <summary>
    /// Resumes a writer saved with <see cref="Save"/> (a streamed text's next piece): the output is kept,
    /// and the token buffers must hold what they held when the state was saved.
    /// </summary>
    public NormalizationWriter(NormalizedText output, NormalizerOptions options, Span<int> tokenBuffer, Span<CharKind> kindBuffer, in NormalizationWriterState state)
    {
        _output = output;
        _fold = FoldTable.Default;
        _leet = options.FoldLeetspeak;
        _join = options.JoinSpacedLetters;
        _maxJoin = options.MaxJoinSeparatorLength;
        _tokenCodePoints = tokenBuffer[..TokenCapacity];
        _tokenStarts = tokenBuffer.Slice(TokenCapacity, TokenCapacity);
        _tokenEnds = tokenBuffer.Slice(2 * TokenCapacity, TokenCapacity);
        _tokenKinds = kindBuffer[..TokenCapacity];
        _count = state.Count;
        _hasLetter = state.HasLetter;
        _symbolPending = state.SymbolPending;
        _symbol = state.Symbol;
        _symbolStart = state.SymbolStart;
        _symbolEnd = state.SymbolEnd;
        _separatorPending = state.SeparatorPending;
        _separatorStart = state.SeparatorStart;
        _separatorEnd = state.SeparatorEnd;
        _separatorCount = state.SeparatorCount;
        _lastSingleLetter = state.LastSingleLetter;
    }

    /// <summary>Everything but the token buffers and the output, so a later piece of the same text can resume.</summary>
    public readonly NormalizationWriterState Save() => new()
    {
        Count = _count,
        HasLetter = _hasLetter,
        SymbolPending = _symbolPending,
        Symbol = _symbol,
        SymbolStart = _symbolStart,
        SymbolEnd = _symbolEnd,
        SeparatorPending = _separatorPending,
        SeparatorStart = _separatorStart,
        SeparatorEnd = _separatorEnd,
        SeparatorCount = _separatorCount,
        LastSingleLetter = _lastSingleLetter,
    };

    // Per document: optimised at once (docs/filtering.md, "No tiering penalty").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Accept(int codePoint, int sourceStart, int sourceEnd)
    {
        if (codePoint >= 0x80 && _fold.TryFold(codePoint, out var replacement))
        {
            foreach (var folded in replacement)
            {
                AcceptFolded(folded, sourceStart, sourceEnd);
            }

            return;
        }

        AcceptFolded(codePoint, sourceStart, sourceEnd);
    }

    /// <summary>True when a plain ASCII word may be appended in bulk with <see cref="AppendAsciiWord"/>.</summary>
    public readonly bool AtWordStart => _count == 0 && !_symbolPending;

    /// <summary>
    /// Appends a run of ASCII letters and digits that starts a word and is followed by a separator (the caller
    /// checks; a lone letter is excluded because it may join), lowering letters and, when the run has a letter,
    /// folding leet digits in bulk. Equivalent to accepting it unit by unit.
    /// </summary>
    public void AppendAsciiWord<T>(ReadOnlySpan<T> word, int sourceStart, bool hasLetter)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (_separatorPending)
        {
            _separatorPending = false;
            if (_output.Length > 0)
            {
                _output.Append((byte)' ', _separatorStart, _separatorEnd);
            }
        }

        _output.AppendAsciiLower(word, sourceStart, _leet && hasLetter);
        _lastSingleLetter = false;
    }

    /// <summary>
    /// Bulk path for UTF-8 into a buffer without source offsets: from <paramref name="start"/>, takes ASCII
    /// separator runs and words of letters and digits followed by a separator or the end (a one-letter word
    /// joined to a one-letter word before it as <see cref="FlushToken"/> joins them), in one loop, and stops
    /// at anything else (a leet symbol, a non-ASCII byte, a word running into either). Same output as accepting them one by one. Call only when
    /// <see cref="AtWordStart"/>; returns where it stopped.
    /// </summary>
    // Hot loop: compiled fully optimised at once (tiered PGO instrumentation and OSR cost ~2x for the first seconds).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public int AppendAsciiRun(ReadOnlySpan<byte> text, int start)
    {
        var words = _leet ? WordLeet : WordLower;
        var output = _output.GetAppendSpan(text.Length - start + 1);
        ref var src = ref MemoryMarshal.GetReference(text);
        ref var dst = ref MemoryMarshal.GetReference(output);
        ref var table = ref MemoryMarshal.GetArrayDataReference(words);
        var n = text.Length;
        var written = 0;
        var wroteNonEmpty = _output.Length > 0;
        var i = start;
        while (i < n)
        {
            var entry = Unsafe.Add(ref table, Unsafe.Add(ref src, i));
            if (entry == 0)
            {
                var j = i + 1;
                while (j < n && Unsafe.Add(ref table, Unsafe.Add(ref src, j)) == 0)
                {
                    j++;
                }

                if (!_separatorPending)
                {
                    _separatorPending = true;
                    _separatorStart = i;
                    _separatorCount = 0;
                }

                _separatorEnd = j;
                _separatorCount += j - i;
                i = j;
                continue;
            }

            if (entry >= Other)
            {
                break;
            }

            var space = _separatorPending && wroteNonEmpty ? 1 : 0;
            if (i + 32 <= n && TryCopyLetterChunk(ref src, i, ref dst, written + space, out var endsLone) is var copied and > 0)
            {
                // Words of two or more letters and single spaces up to the chunk's last space, taken whole.
                if (space != 0)
                {
                    Unsafe.Add(ref dst, written) = (byte)' ';
                }

                written += space + copied;
                wroteNonEmpty = true;
                _lastSingleLetter = endsLone;
                _separatorPending = true;
                _separatorStart = i + copied;
                _separatorEnd = i + copied + 1;
                _separatorCount = 1;
                i += copied + 1;
                continue;
            }

            // Copy the word speculatively after the pending space; commit only if it qualifies.
            var o = written + space;
            var end = i;
            var kinds = 0;
            while (end < n)
            {
                entry = Unsafe.Add(ref table, Unsafe.Add(ref src, end));
                if (entry == 0 || entry >= Other)
                {
                    break;
                }

                kinds |= entry;
                Unsafe.Add(ref dst, o + end - i) = (byte)entry;
                end++;
            }

            if (end < n && entry != 0)
            {
                break;
            }

            var hasLetter = (kinds & LetterBit) != 0;
            var lone = hasLetter && end - i == 1;
            if (lone && space != 0 && _join && _lastSingleLetter && _separatorCount <= _maxJoin)
            {
                // A one-letter word after another, close enough: joined without the space, as FlushToken does
                // (spaced-letter obfuscation, "s.a.r.i.n", stays on this path instead of going letter by letter).
                Unsafe.Add(ref dst, written) = Unsafe.Add(ref dst, o);
                o = written;
                space = 0;
            }

            if (!hasLetter)
            {
                text[i..end].CopyTo(output[o..]); // digits only: no leet folding
            }

            if (space != 0)
            {
                Unsafe.Add(ref dst, written) = (byte)' ';
            }

            _separatorPending = false;
            written = o + end - i;
            wroteNonEmpty = true;
            _lastSingleLetter = lone;
            i = end;
        }

        _output.Advance(written);
        return i;
    }

    /// <summary>
    /// Looks at the 32 bytes from <paramref name="i"/>: when they are only ASCII letters and single spaces, and
    /// the words before the last space are such that no spaced letters join (the first word has two letters or
    /// more; no one-letter word follows another), writes those words lowered (with their single spaces) at
    /// <paramref name="o"/> and returns the index of the last space, <paramref name="endsLone"/> telling whether
    /// the last word is one letter; else 0. The 32 bytes at the destination are overwritten, so there must be room.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TryCopyLetterChunk(ref byte src, int i, ref byte dst, int o, out bool endsLone)
    {
        endsLone = false;
        if (!Vector256.IsHardwareAccelerated)
        {
            return 0;
        }

        var chunk = Vector256.LoadUnsafe(ref src, (nuint)i);
        var lower = chunk | Vector256.Create((byte)0x20);
        var letters = Vector256.LessThan(lower - Vector256.Create((byte)'a'), Vector256.Create((byte)26)).ExtractMostSignificantBits();
        var spaces = Vector256.Equals(chunk, Vector256.Create((byte)' ')).ExtractMostSignificantBits();
        if ((letters | spaces) != uint.MaxValue || spaces == 0 || (spaces & (spaces >> 1)) != 0)
        {
            return 0;
        }

        var last = 31 - BitOperations.LeadingZeroCount(spaces);
        var lone = letters & ((spaces << 1) | 1) & (spaces >> 1) & ((1u << last) - 1);
        if (last == 0 || (lone & 1) != 0 || (lone & (lone << 2)) != 0)
        {
            return 0;
        }

        endsLone = (lone & (1u << (last - 1))) != 0;

        lower.StoreUnsafe(ref dst, (nuint)o);
        return last;
    }

    private const ushort LetterBit = 0x100;
    private const ushort DigitBit = 0x200;
    private const ushort Other = 0x400;

    /// <summary>Per byte: 0 ASCII separator; letter: <see cref="LetterBit"/> | lowered; digit: <see cref="DigitBit"/> | digit; else <see cref="Other"/>.</summary>
    private static readonly ushort[] WordLower = BuildWordTable(leet: false);

    /// <summary>As <see cref="WordLower"/>, with leet digits mapped to their letters (used in words with a letter).</summary>
    private static readonly ushort[] WordLeet = BuildWordTable(leet: true);

    private static ushort[] BuildWordTable(bool leet)
    {
        var table = new ushort[256];
        for (var c = 0; c < 256; c++)
        {
            table[c] = c switch
            {
                >= 'a' and <= 'z' => (ushort)(LetterBit | c),
                >= 'A' and <= 'Z' => (ushort)(LetterBit | (c | 0x20)),
                >= '0' and <= '9' => (ushort)(DigitBit | (leet ? LeetTable.ToLetter(c) : c)),
                '@' or '$' or '!' or '|' or >= 0x80 => Other,
                _ => 0,
            };
        }

        return table;
    }

    /// <summary>Accepts a run of <paramref name="count"/> ASCII separators (not letters, digits or leet symbols).</summary>
    public void AcceptAsciiSeparators(int sourceStart, int count)
    {
        if (_symbolPending)
        {
            SymbolToSeparator();
        }

        FlushToken();
        if (!_separatorPending)
        {
            _separatorPending = true;
            _separatorStart = sourceStart;
            _separatorCount = 0;
        }

        _separatorEnd = sourceStart + count;
        _separatorCount += count;
    }

    public void Complete()
    {
        if (_symbolPending)
        {
            SymbolToSeparator();
        }

        FlushToken();
    }

    private void AcceptFolded(int codePoint, int sourceStart, int sourceEnd)
    {
        var kind = LeetTable.Classify(ref codePoint);
        switch (kind)
        {
            case CharKind.Letter:
            case CharKind.Digit:
                if (_symbolPending && kind == CharKind.Digit && !_hasLetter)
                {
                    SymbolToSeparator();
                }
                else if (_symbolPending)
                {
                    _symbolPending = false;
                    AddToToken(LeetTable.ToLetter(_symbol), _symbolStart, _symbolEnd, CharKind.Letter);
                }

                AddToToken(codePoint, sourceStart, sourceEnd, kind);
                break;
            case CharKind.LeetSymbol when _leet:
                if (_symbolPending)
                {
                    SymbolToSeparator();
                }

                if (_count > 0 || LeetTable.CanStartWord(codePoint))
                {
                    _symbolPending = true;
                    _symbol = codePoint;
                    _symbolStart = sourceStart;
                    _symbolEnd = sourceEnd;
                }
                else
                {
                    Separator(sourceStart, sourceEnd);
                }

                break;
            default:
                if (_symbolPending)
                {
                    SymbolToSeparator();
                }

                Separator(sourceStart, sourceEnd);
                break;
        }
    }

    private void SymbolToSeparator()
    {
        _symbolPending = false;
        Separator(_symbolStart, _symbolEnd);
    }

    private void Separator(int sourceStart, int sourceEnd)
    {
        FlushToken();
        if (!_separatorPending)
        {
            _separatorPending = true;
            _separatorStart = sourceStart;
            _separatorCount = 0;
        }

        _separatorEnd = sourceEnd;
        _separatorCount++;
    }

    private void AddToToken(int codePoint, int sourceStart, int sourceEnd, CharKind kind)
    {
        if (_count == TokenCapacity)
        {
            FlushToken();
        }

        _tokenCodePoints[_count] = codePoint;
        _tokenStarts[_count] = sourceStart;
        _tokenEnds[_count] = sourceEnd;
        _tokenKinds[_count] = kind;
        _hasLetter |= kind == CharKind.Letter;
        _count++;
    }

    // Per document: optimised at once (docs/filtering.md, "No tiering penalty").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void FlushToken()
    {
        if (_count == 0)
        {
            return;
        }

        var single = _count == 1 && _tokenKinds[0] == CharKind.Letter;
        if (_separatorPending)
        {
            _separatorPending = false;
            var join = _join && single && _lastSingleLetter && _separatorCount <= _maxJoin;
            if (_output.Length > 0 && !join)
            {
                _output.Append((byte)' ', _separatorStart, _separatorEnd);
            }
        }

        var mapDigits = _leet && _hasLetter;
        for (var i = 0; i < _count; i++)
        {
            var codePoint = _tokenCodePoints[i];
            if (mapDigits && _tokenKinds[i] == CharKind.Digit)
            {
                codePoint = LeetTable.ToLetter(codePoint);
            }

            _output.AppendCodePoint(codePoint, _tokenStarts[i], _tokenEnds[i]);
        }

        _lastSingleLetter = single;
        _count = 0;
        _hasLetter = false;
    }
}
