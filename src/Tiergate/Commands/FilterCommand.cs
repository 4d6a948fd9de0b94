using System.CommandLine;
using Tiergate.Corpus;
using Tiergate.Corpus.Formats;
using Tiergate.Corpus.Pipeline;
using Tiergate.Corpus.Reporting;

namespace Tiergate.Commands;

/// <summary><c>tiergate filter</c>: removes hazardous documents from a corpus (see docs/filtering.md).</summary>
internal static class FilterCommand
{
    public static Command Create()
    {
        var input = new Option<string[]>("--input") { Description = "Input files or directories (JSONL, .gz, .zst, Parquet)", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--output") { Description = "Output directory (kept/, removed/, invalid/, sidecar/, report.json)", Required = true };
        var blocklist = new Option<string?>("--blocklist") { Description = "Term list: term[TAB category[TAB weight[TAB substring]]] per line" };
        var minTerms = new Option<int?>("--min-terms") { Description = "Distinct blocklist terms that escalate (or, without a classifier, remove) a document; default 1" };
        var classifier = new Option<string?>("--classifier") { Description = "Linear classifier model file (tiergate classifier train)" };
        var label = new Option<string?>("--label") { Description = "Model label to score (default: the non-negative label)" };
        var threshold = new Option<double?>("--threshold") { Description = "Remove an escalated document when the classifier score reaches this; default 0.5" };
        var textField = new Option<string?>("--text-field") { Description = "Text field name or JSON path (text, meta.text, $.a.b); default text" };
        var idField = new Option<string?>("--id-field") { Description = "Document id field recorded in the sidecar; default id" };
        var spec = new Option<string?>("--spec") { Description = "YAML or JSON spec with several stages" };
        var rank = new Option<int?>("--rank") { Description = "This process's rank (default from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or RANK)" };
        var worldSize = new Option<int?>("--world-size") { Description = "Number of ranks (default from SLURM_ARRAY_TASK_COUNT or WORLD_SIZE)" };
        var threads = new Option<int?>("--threads") { Description = "Tagging threads; default all cores" };
        var compression = new Option<CompressionKind>("--compression") { Description = "Output compression for JSONL: zstd (default), gzip, none", DefaultValueFactory = _ => CompressionKind.Zstd };
        var zstdLevel = new Option<int>("--zstd-level") { Description = "zstd level for outputs", DefaultValueFactory = _ => 3 };
        var splitBytes = new Option<long>("--split-bytes") { Description = "Split uncompressed JSONL files larger than this into byte ranges", DefaultValueFactory = _ => 1L << 30 };
        var maxLineBytes = new Option<long>("--max-line-bytes") { Description = "JSONL lines longer than this are reported (line-too-long) and skipped without being loaded; default 64 MiB, at most 512 MiB", DefaultValueFactory = _ => LineBatchReader.DefaultMaxLineBytes };
        var tagOnly = new Option<bool>("--tag-only") { Description = "Scan and tag only: write the sidecar and report, not the kept/removed documents" };

        var command = new Command("filter", "Remove documents carrying hazardous knowledge from a training corpus");
        foreach (var option in new Option[] { input, output, blocklist, minTerms, classifier, label, threshold, textField, idField, spec, rank, worldSize, threads, compression, zstdLevel, splitBytes, maxLineBytes, tagOnly })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) =>
        {
            var request = new FilterRequest
            {
                Inputs = parse.GetValue(input) ?? [],
                Output = parse.GetValue(output)!,
                Blocklist = parse.GetValue(blocklist),
                MinTerms = parse.GetValue(minTerms),
                Classifier = parse.GetValue(classifier),
                Label = parse.GetValue(label),
                Threshold = parse.GetValue(threshold),
                TextField = parse.GetValue(textField),
                IdField = parse.GetValue(idField),
                Spec = parse.GetValue(spec),
                Rank = parse.GetValue(rank),
                WorldSize = parse.GetValue(worldSize),
                Threads = parse.GetValue(threads),
                Compression = parse.GetValue(compression),
                ZstdLevel = parse.GetValue(zstdLevel),
                SplitBytes = parse.GetValue(splitBytes),
                MaxLineBytes = parse.GetValue(maxLineBytes),
                TagOnly = parse.GetValue(tagOnly),
            };
            return FilterCommandRunner.RunAsync(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });

        command.Subcommands.Add(CreateRebuild(output, minTerms, threshold, spec, rank, worldSize, threads, compression, zstdLevel, input));
        command.Subcommands.Add(CreateMergeReport());
        return command;
    }

    private static Command CreateRebuild(Option<string> output, Option<int?> minTerms, Option<double?> threshold, Option<string?> spec, Option<int?> rank, Option<int?> worldSize, Option<int?> threads, Option<CompressionKind> compression, Option<int> zstdLevel, Option<string[]> input)
    {
        var from = new Option<string>("--from") { Description = "Output directory of the tagging run whose sidecar to reuse", Required = true };
        var rebuild = new Command("rebuild", "Re-decide with new --min-terms/--threshold from a tagged run's sidecar, without rescanning");
        foreach (var option in new Option[] { from, output, minTerms, threshold, spec, rank, worldSize, threads, compression, zstdLevel, input })
        {
            rebuild.Options.Add(option);
        }

        rebuild.SetAction((parse, cancellationToken) =>
        {
            var request = new FilterRequest
            {
                FromSidecar = parse.GetValue(from),
                Inputs = parse.GetValue(input) ?? [],
                Output = parse.GetValue(output)!,
                MinTerms = parse.GetValue(minTerms),
                Threshold = parse.GetValue(threshold),
                Spec = parse.GetValue(spec),
                Rank = parse.GetValue(rank),
                WorldSize = parse.GetValue(worldSize),
                Threads = parse.GetValue(threads),
                Compression = parse.GetValue(compression),
                ZstdLevel = parse.GetValue(zstdLevel),
            };
            return FilterCommandRunner.RunAsync(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return rebuild;
    }

    private static Command CreateMergeReport()
    {
        var dir = new Argument<string>("output") { Description = "The output directory all ranks wrote to" };
        var merge = new Command("merge-report", "Join the reports of all ranks into report.json and report.html");
        merge.Arguments.Add(dir);
        merge.SetAction(parse =>
        {
            try
            {
                var report = ReportMerger.Merge(parse.GetValue(dir)!);
                parse.InvocationConfiguration.Output.WriteLine($"merged {report.Ranks.Count} rank report(s): {report.Totals.DocumentsIn} documents, {report.Totals.Removed} removed, {report.Totals.Invalid} invalid");
                return report.MissingRanks.Count > 0
                    ? FilterCommandRunner.Fail(parse.InvocationConfiguration.Error, FilterErrorCodes.RanksMissing, [$"missing ranks: {string.Join(", ", report.MissingRanks)}"])
                    : 0;
            }
            catch (FilterConfigurationException ex)
            {
                return FilterCommandRunner.Fail(parse.InvocationConfiguration.Error, ex.Code, ex.Errors);
            }
        });
        return merge;
    }
}
