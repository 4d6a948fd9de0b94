using System.Globalization;

namespace Tiergate.Safeguards.Matching;

/// <summary>
/// Reads term lists: one term a line, <c>term&lt;TAB&gt;category[&lt;TAB&gt;weight[&lt;TAB&gt;substring]]</c>;
/// blank lines and lines starting with <c>#</c> are ignored. A file may omit the category column
/// when one is supplied (e.g. from the file name).
/// </summary>
public static class TermList
{
    public static IReadOnlyList<Term> Parse(TextReader reader, string? defaultCategory = null, string source = "terms")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var terms = new List<Term>();
        var errors = new List<string>();
        string? line;
        var number = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            var text = fields[0].Trim();
            var category = fields.Length > 1 && fields[1].Trim().Length > 0 ? fields[1].Trim() : defaultCategory;
            if (category is null)
            {
                errors.Add($"{source}:{number}: missing category");
                continue;
            }

            var weight = 1.0;
            if (fields.Length > 2 && fields[2].Trim().Length > 0
                && !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out weight))
            {
                errors.Add($"{source}:{number}: weight '{fields[2]}' is not a number");
                continue;
            }

            var wholeWord = !(fields.Length > 3 && fields[3].Trim().Equals("substring", StringComparison.OrdinalIgnoreCase));
            terms.Add(new Term(text, category, weight, wholeWord));
        }

        if (errors.Count > 0)
        {
            throw new SafeguardsException(SafeguardsErrorCodes.InvalidTermList, string.Join(Environment.NewLine, errors));
        }

        return terms;
    }

    /// <summary>Loads one file; without a category column the category is the file name without extension.</summary>
    public static IReadOnlyList<Term> Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>Loads every <c>*.tsv</c> file of a directory, in file-name order.</summary>
    public static IReadOnlyList<Term> LoadDirectory(string directory) =>
        Directory.GetFiles(directory, "*.tsv").Order(StringComparer.Ordinal).SelectMany(Load).ToList();
}
