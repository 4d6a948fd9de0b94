using System.Text;

namespace Tiergate.Safeguards.Decoding;

/// <summary>
/// Corrects misspellings of listed words (one insertion, deletion, substitution or swap of neighbours) by a
/// symmetric deletion index: every listed word of five letters or more is stored under itself and each of its
/// one-letter deletions; a text word is looked up the same way. A word costs at most (length + 1) lookups, and
/// words longer than <see cref="MaxWordLength"/> are skipped, so correction is linear in the text.
/// </summary>
public sealed class FuzzyTermIndex
{
    public const int MinWordLength = 5;
    public const int MaxWordLength = 24;

    private readonly HashSet<string> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _deletions = new(StringComparer.Ordinal);

    public FuzzyTermIndex(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        foreach (var term in terms)
        {
            foreach (var word in Words(term.ToLowerInvariant()))
            {
                if (word.Length is >= MinWordLength and <= MaxWordLength)
                {
                    _words.Add(word);
                }
            }
        }

        foreach (var word in _words)
        {
            AddKey(word, word);
            for (var i = 0; i < word.Length; i++)
            {
                AddKey(word.Remove(i, 1), word);
            }
        }
    }

    public int Count => _words.Count;

    /// <summary>The text with misspelt listed words replaced by the listed word; null when nothing was corrected.</summary>
    public string? Correct(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? result = null;
        var copied = 0;
        var i = 0;
        Span<char> word = stackalloc char[MaxWordLength + 1];
        Span<char> key = stackalloc char[MaxWordLength + 1];
        var words = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        while (i < text.Length)
        {
            if (!char.IsLetter(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetter(text[i]))
            {
                i++;
            }

            var length = i - start;
            if (length < MinWordLength || length > MaxWordLength + 1)
            {
                continue;
            }

            var lower = word[..length];
            text.AsSpan(start, length).ToLowerInvariant(lower);
            if (words.Contains(lower) || Lookup(lower, key) is not { } fix)
            {
                continue;
            }

            result ??= new StringBuilder(text.Length + 16);
            result.Append(text, copied, start - copied).Append(fix);
            copied = i;
        }

        return result?.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>The one listed word within distance one of <paramref name="word"/>; null when none or several. No allocation unless a candidate is found.</summary>
    private string? Lookup(ReadOnlySpan<char> word, Span<char> key)
    {
        var deletions = _deletions.GetAlternateLookup<ReadOnlySpan<char>>();
        string? found = null;
        if (deletions.TryGetValue(word, out var direct))
        {
            // The word is a listed word with one letter missing ("antrax").
            found = direct;
            if (found is null)
            {
                return null;
            }
        }

        for (var i = 0; i < word.Length; i++)
        {
            word[..i].CopyTo(key);
            word[(i + 1)..].CopyTo(key[i..]);
            if (!deletions.TryGetValue(key[..(word.Length - 1)], out var candidate))
            {
                continue;
            }

            if (candidate is null || (found is not null && found != candidate))
            {
                return null;
            }

            found = candidate;
        }

        return found is not null && found.Length >= MinWordLength && IsCloseEnough(word, found) ? found : null;
    }

    /// <summary>Symmetric deletions also pair words two edits apart in some shapes ("abcde"/"abxde" is one substitution; keep it) — accept only what is one edit or one swap.</summary>
    private static bool IsCloseEnough(ReadOnlySpan<char> a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        // Optimal string alignment distance, bounded: both words are at most 25 letters.
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length] <= 1;
    }

    private void AddKey(string key, string word)
    {
        // Two listed words sharing a key make it ambiguous: such a key corrects to nothing.
        if (_deletions.TryGetValue(key, out var existing))
        {
            if (existing != word)
            {
                _deletions[key] = existing == key ? existing : word == key ? word : null;
            }

            return;
        }

        _deletions[key] = word;
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }
}
