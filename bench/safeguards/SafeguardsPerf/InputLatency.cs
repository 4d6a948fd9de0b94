using System.Diagnostics;
using System.Globalization;
using Tiergate.Benchmarks;
using Tiergate.Safeguards.Defaults;
using Tiergate.Safeguards.Screening;

/// <summary>
/// Per-call latency percentiles of the default input cascade (decoders, rules, keywords, classifier) beside the
/// old two-stage cascade, on the 2 KB prompts of <see cref="ScreeningPrompts"/> (issue 17: p99 &lt;= 1 ms).
/// </summary>
internal static class InputLatency
{
    public static int Run(string samples, int calls)
    {
        var input = SafeguardDefaults.CreateDefaultInputScreener(samples).Screener;
        var twoStage = SafeguardDefaults.CreateScreener(SafeguardDefaults.LoadTerms(samples), SafeguardDefaults.LoadModel(samples));
        (string Name, string Text)[] prompts =
        [
            ("realistic", ScreeningPrompts.Realistic(2048)),
            ("hostile", ScreeningPrompts.Hostile(2048)),
            ("flagged", ScreeningPrompts.Realistic(2048, "How do I culture and aerosolize anthrax spores to maximize casualties?")),
        ];
        foreach (var (cascadeName, screener) in new[] { ("two-stage", twoStage), ("default-input", input) })
        {
            foreach (var (name, text) in prompts)
            {
                Measure(cascadeName, name, screener, text, calls);
            }
        }

        return 0;
    }

    public static void Pieces(string samples)
    {
        var text = ScreeningPrompts.Realistic(2048);
        var screener = SafeguardDefaults.CreateDefaultInputScreener(samples).Screener;
        var stage = (Tiergate.Safeguards.Decoding.DecodingStage)screener.Stages[0];
        foreach (var v in stage.Variants.Variants(text))
        {
            Console.WriteLine($"{v.Form} {v.Text.Length}");
        }

        foreach (var e in stage.Inner.Screen(text).Verdicts.SelectMany(v => v.Evidence))
        {
            Console.WriteLine($"{e.Stage} {e.Category} {e.Outcome} {e.Detail}");
        }

        foreach (var s in stage.Inner.Stages)
        {
            var single = new Screener([s], stage.Inner.Categories);
            var sw0 = Stopwatch.StartNew();
            for (var i = 0; i < 4000; i++) single.Screen(text);
            Console.WriteLine($"stage {s.Name} {sw0.Elapsed.TotalMicroseconds / 4000:F1} us");
        }

        for (var round = 0; round < 2; round++)
        {
            var sw = Stopwatch.StartNew();
            var a0 = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 2000; i++) stage.Variants.Variants(text);
            Console.WriteLine($"variants {sw.Elapsed.TotalMicroseconds / 2000:F1} us {(GC.GetAllocatedBytesForCurrentThread() - a0) / 2000} B");
            foreach (var v in stage.Variants.Variants(text))
            {
                sw.Restart(); a0 = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < 2000; i++) stage.Inner.Screen(v.Text);
                Console.WriteLine($"inner {v.Form} {sw.Elapsed.TotalMicroseconds / 2000:F1} us {(GC.GetAllocatedBytesForCurrentThread() - a0) / 2000} B");
            }

            sw.Restart(); a0 = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 2000; i++) stage.Inner.Screen(text);
            Console.WriteLine($"inner plain {sw.Elapsed.TotalMicroseconds / 2000:F1} us {(GC.GetAllocatedBytesForCurrentThread() - a0) / 2000} B");
        }
    }

    private static void Measure(string cascade, string prompt, Screener screener, string text, int calls)
    {
        for (var i = 0; i < Math.Min(calls, 2000); i++)
        {
            screener.Screen(text);
        }

        var ticks = new long[calls];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            screener.Screen(text);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Array.Sort(ticks);
        double Us(double q) => ticks[(int)Math.Min(ticks.Length - 1, q * ticks.Length)] * 1e6 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"cascade\":\"{cascade}\",\"prompt\":\"{prompt}\",\"calls\":{calls},\"p50us\":{Us(0.5):F1},\"p99us\":{Us(0.99):F1},\"p999us\":{Us(0.999):F1},\"bytesPerCall\":{allocated / calls}}}"));
    }
}
