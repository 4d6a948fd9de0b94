using Spectre.Console;
using Tiergate.Corpus;
using Tiergate.Corpus.Pipeline;

namespace Tiergate.Commands;

/// <summary>Runs a filter request for the CLI: progress bar on a terminal, summary line, exit codes (0 ok, else the error's, see <see cref="FilterErrorCodes"/>).</summary>
internal static class FilterCommandRunner
{
    public static async Task<int> RunAsync(FilterRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        FilterJob job;
        try
        {
            job = FilterJobFactory.Create(request, Environment.GetEnvironmentVariable);
        }
        catch (FilterConfigurationException ex)
        {
            return Fail(error, ex.Code, ex.Errors);
        }

        var runner = new FilterRunner(TimeProvider.System);
        try
        {
            var report = System.Console.IsOutputRedirected || !ReferenceEquals(output, System.Console.Out)
                ? await runner.RunAsync(job, null, cancellationToken)
                : await RunWithProgressAsync(runner, job, cancellationToken);
            var t = report.Totals;
            var rank = report.Ranks[0];
            await output.WriteLineAsync(
                $"rank {rank.Rank}/{rank.WorldSize}: {rank.Shards} shard(s) ({rank.ShardsResumed} already done), {t.DocumentsIn} documents, {t.Kept} kept, {t.Removed} removed, {t.Invalid} invalid, {t.BytesIn / 1e6:F1} MB in {rank.ElapsedSeconds:F1} s ({t.BytesIn / 1e6 / Math.Max(rank.ElapsedSeconds, 1e-9):F0} MB/s)");
            return 0;
        }
        catch (FilterConfigurationException ex)
        {
            return Fail(error, ex.Code, ex.Errors);
        }
        catch (FormatException ex)
        {
            // Unreadable documents are counted as invalid in the report; only a sidecar that does not fit its input stops the run.
            return Fail(error, FilterErrorCodes.SidecarMismatch, [ex.Message]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(error, FilterErrorCodes.IoError, [ex.Message]);
        }
    }

    /// <summary>Prints each problem with its stable code (<c>error TG4001 (invalid_filter_options): ...</c>) and returns the code's exit code.</summary>
    public static int Fail(TextWriter error, FilterErrorCode code, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            error.WriteLine($"error {code.Id} ({code.Name}): {message}");
        }

        return code.ExitCode;
    }

    private static async Task<Corpus.Reporting.FilterReport> RunWithProgressAsync(FilterRunner runner, FilterJob job, CancellationToken cancellationToken)
    {
        Corpus.Reporting.FilterReport? report = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("filter", maxValue: 1);
                var clock = System.Diagnostics.Stopwatch.StartNew();

                // The bar is the input on disk behind the batches already filtered and written (a true fraction,
                // and so a true ETA); the rate is of uncompressed bytes filtered, the figure docs/filtering.md quotes.
                var progress = new Progress<FilterProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.BytesTotal);
                    task.Value = p.BytesDone;
                    task.Description = FilterProgressText.Describe(p, clock.Elapsed);
                });
                report = await runner.RunAsync(job, progress, cancellationToken);
                task.Value = task.MaxValue;
            });
        return report!;
    }
}
