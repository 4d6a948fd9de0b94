using Spectre.Console;
using Tiergate.Corpus.Pipeline;

namespace Tiergate.Commands;

/// <summary>Runs a filter request for the CLI: progress bar on a terminal, summary line, exit codes (0 ok, 2 bad options).</summary>
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
            foreach (var message in ex.Errors)
            {
                await error.WriteLineAsync(message);
            }

            return 2;
        }

        var runner = new FilterRunner(TimeProvider.System);
        try
        {
            var report = Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out)
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
            foreach (var message in ex.Errors)
            {
                await error.WriteLineAsync(message);
            }

            return 2;
        }
    }

    private static async Task<Corpus.Reporting.FilterReport> RunWithProgressAsync(FilterRunner runner, FilterJob job, CancellationToken cancellationToken)
    {
        Corpus.Reporting.FilterReport? report = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("filter", maxValue: 1);
                var progress = new Progress<FilterProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.BytesTotal);
                    task.Value = p.BytesDone;
                    task.Description = $"filter {p.ShardsDone}/{p.ShardsTotal} shards";
                });
                report = await runner.RunAsync(job, progress, cancellationToken);
                task.Value = task.MaxValue;
            });
        return report!;
    }
}
