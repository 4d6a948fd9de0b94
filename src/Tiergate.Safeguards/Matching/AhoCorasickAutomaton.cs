using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    private readonly int[]? _pairs;
    private readonly ulong[]? _quads;

    // Built once per run with thousands of terms: compiled optimised at once rather than through OSR.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        // Trie as a flat table (state * stride + class -> child, 0 = none): 5,000 terms make tens of thousands of
        // states, and a dictionary per state made building it a tenth of a second of every run's start.
        var trie = new int[Math.Max(stride, 1) * 64];
        var states = 1;
        var own = new List<List<int>?> { null };
        _patternLengths = new int[patterns.Count];
        for (var p = 0; p < patterns.Count; p++)
        {
            var state = 0;
            foreach (var b in patterns[p])
            {
                var slot = (state * stride) + _classes[b];
                if (trie[slot] == 0)
                {
                    if ((states + 1) * stride > trie.Length)
                    {
                        Array.Resize(ref trie, trie.Length * 2);
                    }

                    trie[slot] = states++;
                    own.Add(null);
                }

                state = trie[slot];
            }

            _patternLengths[p] = patterns[p].Length;
            if (patterns[p].Length > 0)
            {
                (own[state] ??= []).Add(p);
            }
        }

        StateCount = states;
        var delta = new int[StateCount * stride];
        var fail = new int[StateCount];
        var outputs = new List<int>[StateCount];
        var order = new List<int>(StateCount) { 0 };
        outputs[0] = [];
        for (var c = 0; c < stride; c++)
        {
            var child = trie[c];
            delta[c] = child;
            if (child != 0)
            {
                fail[child] = 0;
                order.Add(child);
            }
        }

        for (var k = 1; k < order.Count; k++)
        {
            var s = order[k];
            outputs[s] = [.. own[s] ?? [], .. outputs[fail[s]]];
            for (var c = 0; c < stride; c++)
            {
                var next = trie[(s * stride) + c];
                if (next != 0)
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
            for (var c = 0; c < stride; c++)
            {
                var child = trie[(s * stride) + c];
                if (child != 0)
                {
                    _goto[(s * stride) + c] = child * stride;
                }
            }

            var mine = own[s];
            _own[s] = mine is null ? -1 : mine[0];
            AnchoredScanSupported &= mine is null || mine.Count == 1;
        }

        var shortest = int.MaxValue;
        foreach (var pattern in patterns)
        {
            AnchoredScanSupported &= pattern.Length == 0 || pattern[0] != (byte)' ';
            shortest = Math.Min(shortest, pattern.Length == 0 ? int.MaxValue : pattern.Length);
        }

        // The first two levels as one small dense table (class pair -> state, 0 = dead), when no
        // pattern ends there, so most word starts cost one L1 load.
        if (shortest > 2)
        {
            _pairs = new int[stride * stride];
            for (var a = 0; a < stride; a++)
            {
                var first = _goto[a];
                for (var b = 0; first != 0 && b < stride; b++)
                {
                    _pairs[(a * stride) + b] = _goto[first + b];
                }
            }
        }

        // Which class 4-grams are live trie paths, as a bit set (128 KB at most), when no pattern ends
        // within them: a word start whose first four bytes are not one is dead without touching the trie.
        if (shortest > 4 && stride <= 32)
        {
            _quads = new ulong[Math.Max(1, (stride * stride * stride * stride) / 64)];
            for (var a = 0; a < stride; a++)
            {
                for (var b = 0; b < stride; b++)
                {
                    var s2 = _pairs![(a * stride) + b];
                    for (var c = 0; s2 != 0 && c < stride; c++)
                    {
                        var s3 = _goto[s2 + c];
                        for (var d = 0; s3 != 0 && d < stride; d++)
                        {
                            if (_goto[s3 + d] != 0)
                            {
                                var bit = (((((a << _shift) | b) << _shift) | c) << _shift) | d;
                                _quads[bit >> 6] |= 1UL << bit;
                            }
                        }
                    }
                }
            }
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
    // Hot loop: compiled fully optimised at once (tiered PGO instrumentation and OSR cost ~2x for the first seconds).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
    /// Continues a scan: from automaton state <paramref name="state"/> (0 at the start of a text, else what the
    /// previous call returned), scans <c>text[start..end)</c> and reports occurrences with their end index in
    /// <paramref name="text"/>, exactly as <see cref="Scan{TSink}"/> over the whole text would. Returns the state.
    /// </summary>
    public int ScanFrom<TSink>(ReadOnlySpan<byte> text, int start, int end, int state, ref TSink sink)
        where TSink : struct, IPatternSink, allows ref struct
    {
        var table = _table;
        var classes = _classes;
        for (var i = start; i < end; i++)
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

        return state;
    }

    /// <summary>
    /// Reports every pattern occurrence that starts at a word start (index 0 or just after a space),
    /// walking the trie from each word start, in order of start index. Occurrences that start
    /// elsewhere are not reported; see <see cref="AnchoredScanSupported"/>.
    /// </summary>
    // Hot loop: compiled fully optimised at once (tiered PGO instrumentation and OSR cost ~2x for the first seconds).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void ScanFromWordStarts<TSink>(ReadOnlySpan<byte> text, ref TSink sink)
        where TSink : struct, IPatternSink, allows ref struct
    {
        if (text.IsEmpty)
        {
            return;
        }

        WalkFrom(text, 0, ref sink);
        ref var src = ref MemoryMarshal.GetReference(text);
        var spaces = Vector256.Create((byte)' ');
        var quads = _quads;
        ref var classes = ref MemoryMarshal.GetArrayDataReference(_classes);
        ref var quadBits = ref quads is null ? ref Unsafe.NullRef<ulong>() : ref MemoryMarshal.GetArrayDataReference(quads);
        var shift = _shift;
        var chunk = 0;
        for (; chunk + 64 <= text.Length; chunk += 64)
        {
            var low = Vector256.Equals(Vector256.LoadUnsafe(ref src, (nuint)chunk), spaces).ExtractMostSignificantBits();
            var high = Vector256.Equals(Vector256.LoadUnsafe(ref src, (nuint)(chunk + 32)), spaces).ExtractMostSignificantBits();
            var mask = ((ulong)high << 32) | low;
            while (mask != 0)
            {
                var next = chunk + BitOperations.TrailingZeroCount(mask) + 1;
                mask &= mask - 1;

                // Most word starts die on the quad bit set; test it here without bounds checks
                // (WalkFrom repeats the test for the few that pass).
                if (quads is not null && next + 3 < text.Length && QuadIsDead(ref src, next, ref classes, ref quadBits, shift))
                {
                    continue;
                }

                if (next < text.Length)
                {
                    WalkFrom(text, next, ref sink);
                }
            }
        }

        for (; chunk < text.Length; chunk++)
        {
            if (text[chunk] == (byte)' ' && chunk + 1 < text.Length)
            {
                WalkFrom(text, chunk + 1, ref sink);
            }
        }
    }

    /// <summary>
    /// True when the class 4-gram at <paramref name="start"/> is no live trie path. The caller
    /// ensures <c>start + 3</c> is inside the text; class indexes are bytes (the class table has
    /// 256 entries) and 4-grams are below the bit set's size, so no read leaves its array.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool QuadIsDead(ref byte text, int start, ref byte classes, ref ulong quads, int shift)
    {
        var c1 = (int)Unsafe.Add(ref classes, Unsafe.Add(ref text, start));
        var c2 = (int)Unsafe.Add(ref classes, Unsafe.Add(ref text, start + 1));
        var c3 = (int)Unsafe.Add(ref classes, Unsafe.Add(ref text, start + 2));
        var c4 = (int)Unsafe.Add(ref classes, Unsafe.Add(ref text, start + 3));
        var bit = (((((c1 << shift) | c2) << shift) | c3) << shift) | c4;
        return (Unsafe.Add(ref quads, bit >> 6) & (1UL << bit)) == 0;
    }

    /// <summary>Walks the trie from <paramref name="start"/>, reporting each pattern that ends on the way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WalkFrom<TSink>(ReadOnlySpan<byte> text, int start, ref TSink sink)
        where TSink : struct, IPatternSink, allows ref struct
    {
        var classes = _classes;
        var shift = _shift;
        var state = 0;
        var i = start;
        if (_quads is { } quads && i + 3 < text.Length)
        {
            var c1 = classes[text[i]];
            var c2 = classes[text[i + 1]];
            var bit = (((((c1 << shift) | c2) << shift) | classes[text[i + 2]]) << shift) | classes[text[i + 3]];
            if ((quads[bit >> 6] & (1UL << bit)) == 0)
            {
                return;
            }

            state = _pairs![(c1 << shift) + c2];
            i += 2;
        }
        else if (_pairs is { } pairs && i + 1 < text.Length)
        {
            state = pairs[(classes[text[i]] << shift) + classes[text[i + 1]]];
            if (state == 0)
            {
                return;
            }

            i += 2;
        }

        var table = _goto;
        var own = _own;
        for (; i < text.Length; i++)
        {
            state = table[state + classes[text[i]]];
            if (state == 0)
            {
                return;
            }

            var pattern = own[state >> shift];
            if (pattern >= 0)
            {
                sink.OnMatch(pattern, i);
            }
        }
    }
}
