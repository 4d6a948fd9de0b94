using System.Reflection;
using Tiergate.Core.Errors;
using Tiergate.Corpus;
using Tiergate.Safeguards;

namespace Tiergate.Catalogue;

/// <summary>
/// Every code the product can emit, read by reflection from each project's own code list (any public static
/// class with <see cref="ErrorCode"/>, <see cref="SafeguardsErrorCode"/> or <see cref="FilterErrorCode"/> fields
/// in a Tiergate assembly this command is built from), so a new list is catalogued without being registered here.
/// </summary>
public static class ErrorCatalogue
{
    /// <summary>One section per project, in the order docs/error-codes.md lists them.</summary>
    public static IReadOnlyList<CatalogueSection> Sections { get; } =
    [
        new("Tiergate.Core", "Gateway and command", "Raised by the gateway (`/v1/*`) and by the `tiergate` command as a whole (policy, database, arguments).", "TG1 TG2", CatalogueColumns.Http),
        new("Tiergate.Storage", "Accounts and server secrets", "Raised by `tiergate users|grants|keys` and the admin API; each account aggregate keeps its own list beside it. The `secret_*` codes say why a server secret (pepper, key-encryption key, audit signing key) could not be loaded: the command exits with `storage_unavailable` and its message ends with the code's name.", "TG2", CatalogueColumns.Http),
        new("Tiergate.Safeguards", "Safeguards engine (TG3xxx)",
            "Raised by `tiergate classifier`, and when term lists or models are loaded (also at `serve` start-up). `tiergate classifier` prints `error TG3001 (invalid_term_list): ...`, or with `--json` `{\"error\":{\"code\":\"TG3xxx\",\"message\":...}}`, and exits 1.",
            "TG3", CatalogueColumns.Plain),
        new("Tiergate.Corpus", "Corpus filter (TG4xxx)",
            "Raised by `tiergate filter` (and `filter rebuild`, `filter merge-report`), which prints one line per problem on stderr, `error TG4001 (invalid_filter_options): stages[1].threshold: must be within [0, 1]`, and exits with the code's exit status.",
            "TG4", CatalogueColumns.Exit),
    ];

    public static IReadOnlyList<CatalogueEntry> Entries() =>
        TiergateAssemblies()
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsAbstract && t.IsSealed) // static classes: the code lists
            .SelectMany(Read)
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<CatalogueEntry> Read(Type list)
    {
        var project = list.Assembly.GetName().Name!;
        foreach (var field in list.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            // Only fields of the code records are read, so no unrelated static state is touched.
            if (field.FieldType == typeof(ErrorCode) && field.GetValue(null) is ErrorCode c)
            {
                yield return new(project, list.Name, c.Id, c.Name, c.HttpStatus, c.Type, null, c.Summary);
            }
            else if (field.FieldType == typeof(SafeguardsErrorCode) && field.GetValue(null) is SafeguardsErrorCode s)
            {
                yield return new(project, list.Name, s.Id, s.Name, null, null, null, s.Summary);
            }
            else if (field.FieldType == typeof(FilterErrorCode) && field.GetValue(null) is FilterErrorCode f)
            {
                yield return new(project, list.Name, f.Id, f.Name, null, null, f.ExitCode, f.Summary);
            }
        }
    }

    /// <summary>This command's assembly and every Tiergate assembly it references, directly or not.</summary>
    private static IEnumerable<Assembly> TiergateAssemblies()
    {
        var seen = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(ErrorCatalogue).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!seen.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name is { } n && n.StartsWith("Tiergate", StringComparison.Ordinal)))
            {
                pending.Push(Assembly.Load(reference));
            }
        }

        return seen.Values.OrderBy(a => a.GetName().Name, StringComparer.Ordinal);
    }
}
