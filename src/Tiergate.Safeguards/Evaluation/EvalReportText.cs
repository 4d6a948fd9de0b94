using System.Globalization;

namespace Tiergate.Safeguards.Evaluation;

/// <summary>
/// Writes an <see cref="EvalReport"/> as tables for people: recall and false-positive rate per form,
/// then per category, language and shape (rows) by form (columns), then the misses: every plain-form
/// miss, and in the obfuscated forms only the items whose verdict differs from their plain one
/// (<c>--json</c> lists every miss in every form).
/// </summary>
public static class EvalReportText
{
    public static void Write(EvalReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"safeguards eval: {report.Input}, tier '{report.Tier}', {report.Items} items ({report.Harmful} harmful, {report.Benign} benign)");
        output.WriteLine();
        output.WriteLine($"{"form",-16}{"recall",9}{"blocked",10}{"flagged",9}{"FP rate",9}{"blocked",10}");
        foreach (var row in report.Overall)
        {
            output.WriteLine($"{row.Form,-16}{Percent(row.Recall),9}{Fraction(row.HarmfulBlocked, row.Harmful),10}{row.HarmfulFlagged,9}{Percent(row.FalsePositiveRate),9}{Fraction(row.BenignBlocked, row.Benign),10}");
        }

        Pivot(output, "recall (harmful blocked) by category", report.Forms, report.ByCategory, r => r.Recall);
        Pivot(output, "false-positive rate (benign blocked) by category", report.Forms, report.ByCategory, r => r.FalsePositiveRate);
        Pivot(output, "recall by language", report.Forms, report.ByLanguage, r => r.Recall);
        Pivot(output, "false-positive rate by language", report.Forms, report.ByLanguage, r => r.FalsePositiveRate);
        Pivot(output, "recall by shape", report.Forms, report.ByShape, r => r.Recall);
        Pivot(output, "false-positive rate by shape", report.Forms, report.ByShape, r => r.FalsePositiveRate);
        Misses(output, report);
        if (report.Wobble is { } wobble)
        {
            output.WriteLine();
            output.WriteLine($"wobble: {wobble.Wobbling} of {wobble.Checked} harmful items change verdict under a harmless change ({wobble.Changes} changes)");
            foreach (var change in wobble.Cases)
            {
                output.WriteLine($"  {change.Id,-10} {change.Category,-7} {change.Lang,-4} {change.PlainVerdict} -> {change.ChangedVerdict}  {change.Change}: {change.Text}");
            }
        }
    }

    private static void Pivot(TextWriter output, string title, IReadOnlyList<string> forms, IReadOnlyList<EvalRow> rows, Func<EvalRow, double?> value)
    {
        output.WriteLine();
        output.WriteLine(title + ":");
        output.WriteLine($"{"",-14}" + string.Concat(forms.Select(f => $"{f,16}")));
        foreach (var group in rows.Select(r => r.Group).Distinct().Order(StringComparer.Ordinal))
        {
            var cells = forms.Select(f => rows.FirstOrDefault(r => r.Form == f && r.Group == group) is { } row ? Percent(value(row)) : "-");
            output.WriteLine($"{group,-14}" + string.Concat(cells.Select(c => $"{c,16}")));
        }
    }

    private static void Misses(TextWriter output, EvalReport report)
    {
        var plain = report.Forms.Count > 0 ? report.Forms[0] : "plain";
        var plainMisses = report.Misses.Where(m => m.Form == plain).ToList();
        var missedPlain = plainMisses.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var onlyObfuscated = report.Misses.Where(m => m.Form != plain && !missedPlain.Contains(m.Id)).ToList();
        output.WriteLine();
        output.WriteLine($"misses ({plain}): {plainMisses.Count(m => m.Kind == "harmful")} harmful not blocked, {plainMisses.Count(m => m.Kind == "benign")} benign blocked");
        foreach (var miss in plainMisses)
        {
            Line(output, miss);
        }

        output.WriteLine();
        output.WriteLine($"misses only in an obfuscated form: {onlyObfuscated.Count} ({onlyObfuscated.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count()} items)");
        foreach (var miss in onlyObfuscated)
        {
            Line(output, miss);
        }
    }

    private static void Line(TextWriter output, EvalMiss miss) =>
        output.WriteLine($"  {miss.Id,-10} {miss.Form,-15} {miss.Kind,-8} {miss.Category,-7} {miss.Lang,-4} {miss.Verdict,-8} {miss.Text.ReplaceLineEndings(" ")}");

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("F1", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Fraction(int part, int whole) => whole == 0 ? "-" : $"{part}/{whole}";
}
