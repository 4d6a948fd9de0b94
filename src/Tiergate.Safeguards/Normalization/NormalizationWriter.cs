using System.Numerics;

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
    /// separator runs and words of letters and digits that <see cref="AppendAsciiWord"/> would take (not a
    /// lone letter, followed by a separator or the end), in one loop, and stops at anything else (a lone
    /// letter, a leet symbol, a non-ASCII byte). Same output as accepting them one by one. Call only when
    /// <see cref="AtWordStart"/>; returns where it stopped.
    /// </summary>
    public int AppendAsciiRun(ReadOnlySpan<byte> text, int start)
    {
        var classes = AsciiRunClasses;
        var map = _leet ? LowerLeet : LowerOnly;
        var output = _output.GetAppendSpan(text.Length - start + 1);
        var written = 0;
        var wroteNonEmpty = _output.Length > 0;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            var kind = classes[c];
            if (kind == 0)
            {
                var j = i + 1;
                while (j < text.Length && classes[text[j]] == 0)
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

            if (kind > 2)
            {
                break;
            }

            var end = i + 1;
            var hasLetter = kind == 1;
            while (end < text.Length && classes[text[end]] is 1 or 2)
            {
                hasLetter |= classes[text[end]] == 1;
                end++;
            }

            if ((hasLetter && end - i < 2) || (end < text.Length && classes[text[end]] != 0))
            {
                break;
            }

            if (_separatorPending)
            {
                _separatorPending = false;
                if (wroteNonEmpty)
                {
                    output[written++] = (byte)' ';
                }
            }

            var table = hasLetter ? map : LowerOnly;
            for (var k = i; k < end; k++)
            {
                output[written++] = table[text[k]];
            }

            wroteNonEmpty = true;
            _lastSingleLetter = false;
            i = end;
        }

        _output.Advance(written);
        return i;
    }

    /// <summary>Bytes: 0 ASCII separator, 1 ASCII letter, 2 digit, 3 leet symbol or any non-ASCII byte.</summary>
    private static ReadOnlySpan<byte> AsciiRunClasses =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 3, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0,
        3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 3, 0, 0, 0,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
        3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
    ];

    /// <summary>ASCII letters and digits lowered (<c>| 0x20</c>, as <see cref="NormalizedText.AppendAsciiLower{T}"/>).</summary>
    private static readonly byte[] LowerOnly = BuildMap(leet: false);

    /// <summary>As <see cref="LowerOnly"/>, with leet digits mapped to their letters.</summary>
    private static readonly byte[] LowerLeet = BuildMap(leet: true);

    private static byte[] BuildMap(bool leet)
    {
        var map = new byte[256];
        for (var c = 0; c < 256; c++)
        {
            var lowered = (byte)(c | 0x20);
            map[c] = leet && (uint)(lowered - '0') <= 9 ? (byte)LeetTable.ToLetter(lowered) : lowered;
        }

        return map;
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
