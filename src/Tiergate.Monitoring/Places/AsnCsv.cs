using System.Globalization;
using System.Net;
using System.Text;

namespace Tiergate.Monitoring.Places;

/// <summary>
/// Reads the ip-location-db ASN CSV: <c>start,end,asn,organisation</c>, no header, the organisation
/// quoted (RFC 4180, <c>""</c> for a quote) when it holds a comma. Lines that do not parse are counted, not fatal.
/// </summary>
public static class AsnCsv
{
    public static IEnumerable<AsnRange> Read(TextReader reader, Action<int>? onBadLine = null)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            var range = ParseLine(line);
            if (range is null)
                onBadLine?.Invoke(lineNumber);
            else
                yield return range;
        }
    }

    /// <summary>One line, or null when it is not a well-formed range of one address family with first ≤ last.</summary>
    public static AsnRange? ParseLine(string line)
    {
        var fields = SplitFields(line);
        if (fields is null || fields.Count != 4)
            return null;
        if (!IPAddress.TryParse(fields[0], out var first) || !IPAddress.TryParse(fields[1], out var last))
            return null;
        if (first.AddressFamily != last.AddressFamily)
            return null;
        if (!long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var asn))
            return null;
        if (AddressKey.Of(first) > AddressKey.Of(last))
            return null;
        return new AsnRange(first, last, asn, fields[3]);
    }

    private static List<string>? SplitFields(string line)
    {
        var fields = new List<string>(4);
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                    current.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                    quoted = false;
            }
            else if (c == '"' && current.Length == 0)
                quoted = true;
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(c);
        }
        if (quoted)
            return null;
        fields.Add(current.ToString());
        return fields;
    }
}
