using System.Globalization;
using System.Text;

namespace Tiergate.Storage.Accounts.Users;

/// <summary>
/// Compatibility decomposition with full case folding, per code point, and canonical combining classes,
/// generated into <c>Data/email-fold-table.txt</c> by <c>Data/generate-email-fold-table.py</c>. The build
/// runs with invariant globalization, where <see cref="string.Normalize()"/> leaves non-ASCII text as it is.
/// </summary>
internal sealed class EmailFoldTable
{
    private const int HangulBase = 0xAC00;
    private const int HangulCount = 11172;

    private static readonly Lazy<EmailFoldTable> LazyDefault = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<int, int[]> _folds;
    private readonly Dictionary<int, int> _combiningClasses;

    private EmailFoldTable(Dictionary<int, int[]> folds, Dictionary<int, int> combiningClasses)
    {
        _folds = folds;
        _combiningClasses = combiningClasses;
    }

    public static EmailFoldTable Default => LazyDefault.Value;

    /// <summary>
    /// The text decomposed (NFKD), case folded and canonically ordered: equal for NFKC-equivalent, case-variant
    /// inputs. Null when the text is not valid UTF-16 (a lone surrogate).
    /// </summary>
    public string? Fold(string text)
    {
        var output = new List<int>(text.Length);
        var index = 0;
        while (index < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return null;
            }

            index += used;
            Append(rune.Value, output);
        }

        OrderCanonically(output);
        var result = new StringBuilder(output.Count);
        foreach (var codePoint in output)
        {
            result.Append(char.ConvertFromUtf32(codePoint));
        }

        return result.ToString();
    }

    private void Append(int codePoint, List<int> output)
    {
        if (codePoint is >= HangulBase and < HangulBase + HangulCount)
        {
            // Unicode's algorithmic decomposition of Hangul syllables (chapter 3.12).
            var s = codePoint - HangulBase;
            output.Add(0x1100 + (s / (21 * 28)));
            output.Add(0x1161 + (s % (21 * 28) / 28));
            if (s % 28 != 0)
            {
                output.Add(0x11A7 + (s % 28));
            }
        }
        else if (_folds.TryGetValue(codePoint, out var replacement))
        {
            output.AddRange(replacement);
        }
        else
        {
            output.Add(codePoint);
        }
    }

    /// <summary>Sorts each run of combining marks by combining class, keeping the order of equal classes.</summary>
    private void OrderCanonically(List<int> codePoints)
    {
        for (var i = 1; i < codePoints.Count; i++)
        {
            var cls = ClassOf(codePoints[i]);
            for (var j = i; cls != 0 && j > 0 && ClassOf(codePoints[j - 1]) > cls; j--)
            {
                (codePoints[j - 1], codePoints[j]) = (codePoints[j], codePoints[j - 1]);
            }
        }
    }

    private int ClassOf(int codePoint) => _combiningClasses.GetValueOrDefault(codePoint);

    private static EmailFoldTable Load()
    {
        using var stream = typeof(EmailFoldTable).Assembly.GetManifestResourceStream("Tiergate.Storage.email-fold-table.txt")
            ?? throw new InvalidOperationException("The email fold table is missing from this build.");
        using var reader = new StreamReader(stream);
        var folds = new Dictionary<int, int[]>();
        var classes = new Dictionary<int, int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            var codePoint = int.Parse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (fields[0] == "F")
            {
                folds[codePoint] = fields[2].Split(' ').Select(h => int.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
            }
            else
            {
                classes[codePoint] = int.Parse(fields[2], CultureInfo.InvariantCulture);
            }
        }

        return new EmailFoldTable(folds, classes);
    }
}
