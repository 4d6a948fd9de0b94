namespace Tiergate.Safeguards.Matching;

/// <summary>
/// A dense Aho-Corasick DFA over bytes with byte classes. Transitions are premultiplied by the
/// stride; a negative transition (bitwise complement) marks a target state that has outputs, so
/// the scan loop is one table load and one sign test per byte.
/// </summary>
internal sealed class AhoCorasickAutomaton
{
    private readonly int[] _table;
    private readonly byte[] _classes;
    private readonly int _shift;
    private readonly int[] _outputStart;
    private readonly int[] _outputs;
    private readonly int[] _patternLengths;
    private readonly int[] _goto;
    private readonly int[] _own;

    public AhoCorasickAutomaton(IReadOnlyList<byte[]> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _classes = new byte[256];
        var classCount = 1;
        foreach (var pattern in patterns)
        {
            foreach (var b in pattern)
            {
                if (_classes[b] == 0)
                {
                    if (classCount == 255)
                    {
                        throw new InvalidOperationException("Too many distinct bytes in the patterns.");
                    }

                    _classes[b] = (byte)classCount++;
                }
            }
        }

        var stride = 1;
        _shift = 0;
        while (stride < classCount)
        {
            stride <<= 1;
            _shift++;
        }

        // Trie.
        var children = new List<Dictionary<byte, int>> { new() };
        var own = new List<List<int>?> { null };
        _patternLengths = new int[patterns.Count];
        for (var p = 0; p < patterns.Count; p++)
        {
            var state = 0;
            foreach (var b in patterns[p])
            {
                var c = _classes[b];
                if (!children[state].TryGetValue(c, out var next))
                {
                    next = children.Count;
                    children.Add(new Dictionary<byte, int>());
                    own.Add(null);
                    children[state][c] = next;
                }

                state = next;
            }

            _patternLengths[p] = patterns[p].Length;
            if (patterns[p].Length > 0)
            {
                (own[state] ??= []).Add(p);
            }
        }

        StateCount = children.Count;
        var delta = new int[StateCount * stride];
        var fail = new int[StateCount];
        var outputs = new List<int>[StateCount];
        var order = new List<int>(StateCount) { 0 };
        outputs[0] = [];
        for (var c = 0; c < stride; c++)
        {
            delta[c] = children[0].TryGetValue((byte)c, out var next) ? next : 0;
        }

        foreach (var child in children[0].Values)
        {
            fail[child] = 0;
            order.Add(child);
        }

        for (var k = 1; k < order.Count; k++)
        {
            var s = order[k];
            outputs[s] = [.. own[s] ?? [], .. outputs[fail[s]]];
            for (var c = 0; c < stride; c++)
            {
                if (children[s].TryGetValue((byte)c, out var next))
                {
                    fail[next] = delta[(fail[s] * stride) + c];
                    delta[(s * stride) + c] = next;
                    order.Add(next);
                }
                else
                {
                    delta[(s * stride) + c] = delta[(fail[s] * stride) + c];
                }
            }
        }

        // Trie edges only (0 = no child; the root is never a child) and each state's own pattern,
        // for the anchored walk of ScanFromWordStarts.
        _goto = new int[delta.Length];
        _own = new int[StateCount];
        AnchoredScanSupported = true;
        for (var s = 0; s < StateCount; s++)
        {
            foreach (var (c, child) in children[s])
            {
                _goto[(s * stride) + c] = child * stride;
            }

            var mine = own[s];
            _own[s] = mine is null ? -1 : mine[0];
            AnchoredScanSupported &= mine is null || mine.Count == 1;
        }

        foreach (var pattern in patterns)
        {
            AnchoredScanSupported &= pattern.Length == 0 || pattern[0] != (byte)' ';
        }

        _outputStart = new int[StateCount + 1];
        var flat = new List<int>();
        for (var s = 0; s < StateCount; s++)
        {
            _outputStart[s] = flat.Count;
            flat.AddRange(outputs[s]);
        }

        _outputStart[StateCount] = flat.Count;
        _outputs = [.. flat];
        _table = new int[delta.Length];
        for (var i = 0; i < delta.Length; i++)
        {
            var target = delta[i];
            var value = target * stride;
            _table[i] = _outputStart[target + 1] > _outputStart[target] ? ~value : value;
        }
    }

    public int StateCount { get; }

    /// <summary>True when every state has at most one own pattern and no pattern starts with a space.</summary>
    public bool AnchoredScanSupported { get; }

    public int PatternLength(int pattern) => _patternLengths[pattern];

    /// <summary>Calls <paramref name="sink"/> for every pattern occurrence (end index inclusive).</summary>
    public void Scan<TSink>(ReadOnlySpan<byte> text, ref TSink sink)
        where TSink : struct, IPatternSink, allows ref struct
    {
        var table = _table;
        var classes = _classes;
        var state = 0;
        for (var i = 0; i < text.Length; i++)
        {
            state = table[state + classes[text[i]]];
            if (state < 0)
            {
                state = ~state;
                var s = state >> _shift;
                for (var o = _outputStart[s]; o < _outputStart[s + 1]; o++)
                {
                    sink.OnMatch(_outputs[o], i);
                }
            }
        }
    }

    /// <summary>
    /// Reports every pattern occurrence that starts at a word start (index 0 or just after a space),
    /// walking the trie from each word start, in order of start index. Occurrences that start
    /// elsewhere are not reported; see <see cref="AnchoredScanSupported"/>.
    /// </summary>
    public void ScanFromWordStarts<TSink>(ReadOnlySpan<byte> text, ref TSink sink)
        where TSink : struct, IPatternSink, allows ref struct
    {
        var table = _goto;
        var classes = _classes;
        var own = _own;
        var shift = _shift;
        var start = 0;
        while (start < text.Length)
        {
            var state = 0;
            for (var i = start; i < text.Length; i++)
            {
                state = table[state + classes[text[i]]];
                if (state == 0)
                {
                    break;
                }

                var pattern = own[state >> shift];
                if (pattern >= 0)
                {
                    sink.OnMatch(pattern, i);
                }
            }

            var space = text[start..].IndexOf((byte)' ');
            if (space < 0)
            {
                break;
            }

            start += space + 1;
        }
    }
}
