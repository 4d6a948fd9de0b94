using System.Globalization;

namespace Tiergate.Safeguards.Normalization;

/// <summary>
/// Per-code-point folding (NFKC, mark stripping, case folding, removal of format characters,
/// Latin-target UTS #39 confusables), generated into <c>Data/fold-table.txt</c> by
/// <c>Data/generate-fold-table.py</c>. Code points absent from the table fold to themselves.
/// </summary>
internal sealed class FoldTable
{
    private const int LengthBits = 5;
    private const int LengthMask = (1 << LengthBits) - 1;

    private static readonly Lazy<FoldTable> LazyDefault = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly int[] _bmp;
    private readonly Dictionary<int, int> _supplementary;
    private readonly int[] _pool;

    private FoldTable(int[] bmp, Dictionary<int, int> supplementary, int[] pool)
    {
        _bmp = bmp;
        _supplementary = supplementary;
        _pool = pool;
    }

    public static FoldTable Default => LazyDefault.Value;

    public int EntryCount { get; private set; }

    /// <summary>Returns false when <paramref name="codePoint"/> folds to itself; otherwise the replacement (possibly empty).</summary>
    public bool TryFold(int codePoint, out ReadOnlySpan<int> replacement)
    {
        int entry;
        if (codePoint < 0x10000)
        {
            entry = _bmp[codePoint];
        }
        else if (!_supplementary.TryGetValue(codePoint, out entry))
        {
            entry = 0;
        }

        if (entry == 0)
        {
            replacement = default;
            return false;
        }

        var offset = (entry >> LengthBits) - 1;
        replacement = _pool.AsSpan(offset, entry & LengthMask);
        return true;
    }

    private static FoldTable Load()
    {
        using var stream = typeof(FoldTable).Assembly.GetManifestResourceStream("Tiergate.Safeguards.fold-table.txt")
            ?? throw new InvalidOperationException("The fold table resource is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var bmp = new int[0x10000];
        var supplementary = new Dictionary<int, int>();
        var pool = new List<int>(16_384);
        var count = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var source = int.Parse(line.AsSpan(0, tab), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var offset = pool.Count;
            foreach (var range in line.AsSpan(tab + 1).Split(' '))
            {
                var part = line.AsSpan(tab + 1)[range];
                if (!part.IsEmpty)
                {
                    pool.Add(int.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }

            var entry = ((offset + 1) << LengthBits) | (pool.Count - offset);
            if (source < 0x10000)
            {
                bmp[source] = entry;
            }
            else
            {
                supplementary[source] = entry;
            }

            count++;
        }

        return new FoldTable(bmp, supplementary, [.. pool]) { EntryCount = count };
    }
}
