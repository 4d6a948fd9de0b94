using System.Diagnostics;
using Tiergate.Testing.Corpus;

namespace Tiergate.CrashTests;

/// <summary>Runs the real filter command in a child process, kills it with SIGKILL mid-run, restarts it, and compares outputs byte for byte.</summary>
public sealed class KillResumeTests
{
    [Fact]
    public async Task Filter_KilledWithSigkillAndRestarted_OutputsIdenticalToCleanRun()
    {
        using var corpus = new TestCorpus();
        for (var i = 0; i < 6; i++)
        {
            corpus.WriteZstd($"in/part-{i}.jsonl.zst", TestCorpus.Documents(60_000, seed: i));
        }

        var input = Path.Combine(corpus.Root, "in");
        var clean = Path.Combine(corpus.Root, "clean");
        var killed = Path.Combine(corpus.Root, "killed");
        Assert.Equal(0, await RunToEndAsync(input, clean, corpus.Blocklist));

        using (var victim = Start(input, killed, corpus.Blocklist))
        {
            // Kill once the first shard is done, while later shards are being written.
            var deadline = Stopwatch.StartNew();
            while (!Directory.Exists(Path.Combine(killed, "done")) || Directory.GetFiles(Path.Combine(killed, "done")).Length == 0)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "first shard never finished");
                Assert.False(victim.HasExited, "run finished before it could be killed; make the corpus bigger");
                await Task.Delay(20);
            }

            victim.Kill(entireProcessTree: true); // SIGKILL on Linux
            await victim.WaitForExitAsync();
        }

        var doneAtKill = Directory.GetFiles(Path.Combine(killed, "done")).Length;
        Assert.InRange(doneAtKill, 1, 5);
        Assert.Equal(0, await RunToEndAsync(input, killed, corpus.Blocklist));

        foreach (var dir in new[] { "kept", "removed", "sidecar", "done" })
        {
            var expected = Directory.GetFiles(Path.Combine(clean, dir)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            var actual = Directory.GetFiles(Path.Combine(killed, dir)).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(expected, actual);
            if (dir == "done")
            {
                continue; // markers hold the same stats; their byte equality is not promised
            }

            foreach (var name in expected)
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(clean, dir, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(killed, dir, name!))),
                    $"{dir}/{name} differs after kill and resume");
            }
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(killed, ".partial")));
    }

    private static async Task<int> RunToEndAsync(string input, string output, string blocklist)
    {
        using var process = Start(input, output, blocklist);
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        return process.ExitCode;
    }

    private static Process Start(string input, string output, string blocklist)
    {
        // The real `tiergate` executable, built into this output directory by the project reference.
        var host = Path.Combine(AppContext.BaseDirectory, "tiergate.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", host, "filter", "--input", input, "--output", output, "--blocklist", blocklist, "--min-terms", "2", "--threads", "2" })
        {
            info.ArgumentList.Add(arg);
        }

        // Workstation GC, as the filter-only test host this test used to start ran with.
        info.Environment["DOTNET_gcServer"] = "0";
        return Process.Start(info)!;
    }
}
