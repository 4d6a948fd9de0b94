using System.Text;

namespace Tiergate.Corpus.Json;

/// <summary>
/// A path to a field inside a JSON object: a plain name (<c>text</c>), dotted segments
/// (<c>meta.text</c>), or JSONPath-style (<c>$.meta.text</c>, <c>$['odd.name'].text</c>).
/// Segments are kept as UTF-8 so matching property names allocates nothing.
/// </summary>
public sealed class JsonFieldPath
{
    private readonly byte[][] _segments;

    private JsonFieldPath(string text, List<string> segments)
    {
        Text = text;
        Segments = segments;
        _segments = segments.Select(Encoding.UTF8.GetBytes).ToArray();
    }

    public string Text { get; }

    public IReadOnlyList<string> Segments { get; }

    internal ReadOnlySpan<byte> Segment(int index) => _segments[index];

    internal int Depth => _segments.Length;

    public static JsonFieldPath Parse(string path)
    {
        if (!TryParse(path, out var parsed, out var error))
        {
            throw new FormatException(error);
        }

        return parsed;
    }

    public static bool TryParse(string path, out JsonFieldPath parsed, out string error)
    {
        parsed = null!;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(path))
        {
            error = "field path is empty";
            return false;
        }

        var segments = new List<string>();
        var i = 0;
        if (path.StartsWith('$'))
        {
            i = 1;
        }
        else
        {
            path = "." + path;
        }

        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] != '.' && path[end] != '[')
                {
                    end++;
                }

                if (end == i + 1)
                {
                    error = $"empty segment at position {i} in '{path}'";
                    return false;
                }

                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && (path[i + 1] == '\'' || path[i + 1] == '"'))
            {
                var quote = path[i + 1];
                var close = path.IndexOf(quote, i + 2);
                if (close < 0 || close + 1 >= path.Length || path[close + 1] != ']')
                {
                    error = $"unterminated bracket segment at position {i} in '{path}'";
                    return false;
                }

                segments.Add(path[(i + 2)..close]);
                i = close + 2;
            }
            else
            {
                error = $"unexpected '{path[i]}' at position {i} in '{path}'";
                return false;
            }
        }

        if (segments.Count == 0)
        {
            error = "field path names no field";
            return false;
        }

        parsed = new JsonFieldPath(string.Join('.', segments), segments);
        return true;
    }

    public override string ToString() => Text;
}
