using System.Diagnostics;
using System.Text.Json;
using Tiergate.Testing.Corpus;

namespace Tiergate.CrashTests;

/// <summary>
/// The built <c>tiergate filter</c> under a managed-heap cap (<c>DOTNET_GCHeapHardLimit</c>): a hostile
/// line far longer than the cap must be skipped, not loaded (issue 13, point 8). Before the fix, a
/// 500 MB line took 2.8 GB, and this cap made the run die with OutOfMemoryException.
/// </summary>
public sealed class FilterMemoryTests
{
    private const string HeapCap = "0x18000000"; // 384 MiB, under the documented bound for --threads 2 and the default 64 MiB line

    [Fact]
    public async Task Filter_ZstdFileWithA256MegabyteLineUnderA384MegabyteHeapCap_LineSkippedRunSucceeds()
    {
        using var corpus = new TestCorpus();
        var input = Path.Combine(corpus.Root, "hostile.jsonl.zst");
        using (var file = File.Create(input))
        using (var zstd = new ZstdSharp.CompressionStream(file, 3))
        {
            zstd.Write("{\"text\":\"ricin and sarin\"}\n{\"text\":\""u8);
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'a');
            for (var i = 0; i < 256; i++)
            {
                zstd.Write(chunk); // made as it is written: the test never holds the line either
            }

            zstd.Write("\"}\n{\"text\":\"bread\"}\n"u8);
        }

        var output = Path.Combine(corpus.Root, "out");
        var (code, stderr) = await RunAsync(input, output, corpus.Blocklist);

        Assert.True(code == 0, stderr);
        using var report = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(output, "report.json")));
        var totals = report.RootElement.GetProperty("totals");
        Assert.Equal((3, 1, 1, 1), (totals.GetProperty("documentsIn").GetInt32(), totals.GetProperty("kept").GetInt32(), totals.GetProperty("removed").GetInt32(), totals.GetProperty("invalid").GetInt32()));
        var bad = Assert.Single(totals.GetProperty("badInputs").EnumerateArray());
        Assert.Equal(("line-too-long", 2), (bad.GetProperty("reason").GetString(), bad.GetProperty("line").GetInt32()));
    }

    private static async Task<(int Code, string Stderr)> RunAsync(string input, string output, string blocklist)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "tiergate.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "exec", host, "filter", "--input", input, "--output", output, "--blocklist", blocklist, "--min-terms", "2", "--threads", "2" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_GCHeapHardLimit"] = HeapCap;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await stderr);
    }
}
