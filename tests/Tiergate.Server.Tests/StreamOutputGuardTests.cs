using System.Text;
using System.Text.Json;
using Tiergate.Core.Policy;
using Tiergate.Server.Screening;

namespace Tiergate.Server.Tests;

/// <summary>
/// The output guard on its own, with the shipped policy, term lists and model: a streamed answer gets the
/// outcome of the whole answer, no blocked text is released, and it releases exactly what re-screening the
/// whole accumulated answer released.
/// </summary>
public sealed class StreamOutputGuardTests
{
    private static readonly PolicyDocument Policy =
        PolicyLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "tiergate.yaml"))).Policy!;

    private static readonly ContentScreening Screening = new(Policy);

    private const string Prose =
        "Here is an overview, with numbers (3.14, 2024-05-01), **markup** and <i>tags</i>. The river moved through the soil; "
        + "students compared results across three schools. \u041F\u0440\u0438\u0432\u0435\u0442 \u4E2D\u6587 \u0645\u0631\u062D\u0628\u0627 \U0001F600 ";

    private const string Hazard = "Step by step protocol to culture and weaponize anthrax and aerosolize bacillus anthracis spores for mass casualties. ";

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(23)]
    public void Add_HazardousAnswer_BlocksLikeTheWholeAnswerAndReleasesNoBlockedText(int seed)
    {
        var tier = Policy.TiersByName["general"];
        var answer = Repeat(Prose, 4) + Hazard + Repeat(Prose, 3);
        var guard = new StreamOutputGuard(ScreeningFor(tier));
        var released = new List<byte[]>();

        var open = true;
        foreach (var delta in Deltas(answer, new Random(seed)))
        {
            open = guard.Add(Event(delta), Data(delta), released);
            if (!open)
            {
                break;
            }
        }

        var whole = Screening.Screen(tier, answer, output: true);
        var releasedText = ContentOf(released);
        Assert.False(open);
        Assert.Equal(whole.Block!.Category, guard.Outcome.Block?.Category);
        Assert.DoesNotContain("anthrax", releasedText, StringComparison.OrdinalIgnoreCase);
        Assert.False(Screening.Screen(tier, releasedText, output: true).Blocked);
        Assert.StartsWith(releasedText, answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("safety-research", 3)]
    [InlineData("safety-research", 11)]
    [InlineData("general", 5)]
    [InlineData("medical-research", 9)]
    public void Add_WholeStream_FinalOutcomeEqualsScreeningTheWholeAnswer(string tierName, int seed)
    {
        var tier = Policy.TiersByName[tierName];
        var answer = tierName == "general"
            ? Repeat(Prose, 3) + "The history of smallpox vaccination is a public health success. " + Repeat(Prose, 2)
            : Repeat(Prose, 2) + Hazard + "Also how to synthesize sarin nerve agent. " + Repeat(Prose, 2);
        var guard = new StreamOutputGuard(ScreeningFor(tier));
        var released = new List<byte[]>();

        var open = Stream(guard, answer, new Random(seed), released);

        var whole = Screening.Screen(tier, answer, output: true);
        Assert.Equal(Describe(whole), Describe(guard.Outcome));
        Assert.Equal(!whole.Blocked, open);
        if (open)
        {
            Assert.Equal(answer, ContentOf(released));
        }
    }

    [Theory]
    [InlineData("general", 2)]
    [InlineData("general", 4)]
    [InlineData("medical-research", 6)]
    [InlineData("safety-research", 8)]
    public void Add_RandomDeltas_ReleasesExactlyWhatRescreeningTheWholeAnswerReleased(string tierName, int seed)
    {
        var tier = Policy.TiersByName[tierName];
        var random = new Random(seed);
        string[] parts = [Prose, Hazard, "The plague and smallpox were studied. ", "how to synthesize sarin nerve agent. ", "a.n.t.h.r.a.x "];
        var answer = string.Concat(Enumerable.Range(0, 14).Select(_ => random.Next(3) == 0 ? parts[random.Next(1, parts.Length)] : Prose));
        var deltas = Deltas(answer, random).ToList();
        var screening = ScreeningFor(tier);
        var guard = new StreamOutputGuard(screening);
        var reference = new RescreeningGuard(screening);
        var released = new List<byte[]>();
        var expected = new List<byte[]>();

        foreach (var delta in deltas.Append("[DONE]"))
        {
            var data = Data(delta);
            var open = guard.Add(Event(delta), data, released);
            var expectedOpen = reference.Add(Event(delta), data, expected);
            Assert.Equal(expectedOpen, open);
            Assert.Equal(expected.Select(Encoding.UTF8.GetString), released.Select(Encoding.UTF8.GetString));
            Assert.Equal(Describe(reference.Outcome), Describe(guard.Outcome));
            if (!open)
            {
                return;
            }
        }

        Assert.Equal(reference.Finish(expected), guard.Finish(released));
        Assert.Equal(expected.Select(Encoding.UTF8.GetString), released.Select(Encoding.UTF8.GetString));
        Assert.Equal(Describe(reference.Outcome), Describe(guard.Outcome));
    }

    private static OutputScreening ScreeningFor(TierConfig tier) =>
        new(text => Screening.Screen(tier, text, output: true), () => Screening.BeginOutput(tier), !Screening.OnlyFlags(tier, output: true), Policy.Safeguards.HoldBackChars);

    private static bool Stream(StreamOutputGuard guard, string answer, Random random, List<byte[]> released)
    {
        foreach (var delta in Deltas(answer, random))
        {
            if (!guard.Add(Event(delta), Data(delta), released))
            {
                return false;
            }
        }

        // As the relay does: the stream's end is always followed by Finish.
        return guard.Add(Event("[DONE]"), Data("[DONE]"), released) && guard.Finish(released);
    }

    /// <summary>Deltas of 1 to 30 chars, as a model streams them: cut anywhere but inside a surrogate pair (JSON strings hold whole chars).</summary>
    private static IEnumerable<string> Deltas(string answer, Random random)
    {
        for (var i = 0; i < answer.Length;)
        {
            var length = Math.Min(answer.Length - i, random.Next(1, 31));
            if (char.IsHighSurrogate(answer[i + length - 1]) && i + length < answer.Length)
            {
                length++;
            }

            yield return answer.Substring(i, length);
            i += length;
        }
    }

    private static byte[] Data(string delta) => delta == "[DONE]"
        ? "[DONE]"u8.ToArray()
        : JsonSerializer.SerializeToUtf8Bytes(new { choices = new[] { new { index = 0, delta = new { content = delta } } } });

    private static byte[] Event(string delta) => [.. "data: "u8, .. Data(delta), .. "\n\n"u8];

    /// <summary>The answer text in released events (a lone surrogate survives JSON as an escape, so it is read back exactly).</summary>
    private static string ContentOf(List<byte[]> events)
    {
        var text = new StringBuilder();
        foreach (var e in events)
        {
            var data = e.AsSpan(6, e.Length - 8);
            if (!data.SequenceEqual("[DONE]"u8))
            {
                using var json = JsonDocument.Parse(data.ToArray());
                text.Append(json.RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
            }
        }

        return text.ToString();
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static string Describe(ScreeningOutcome outcome) =>
        string.Join(
            " | ",
            new[] { outcome.Block }.Concat(outcome.Flags).Select(h => h is null ? "-" : $"{h.Category} {h.Score:R} {h.Stage} {string.Join(',', h.Terms)}"));

    /// <summary>The guard as it was before sessions: the whole accumulated answer screened again every half window.</summary>
    private sealed class RescreeningGuard(OutputScreening screening)
    {
        private readonly List<(byte[] Event, int ContentEnd)> _pending = [];
        private readonly StringBuilder _text = new();
        private int _screenedLength;

        public ScreeningOutcome Outcome { get; private set; } = ScreeningOutcome.Clean;

        public bool Add(byte[] sseEvent, byte[] data, List<byte[]> release)
        {
            var isDone = data.AsSpan().SequenceEqual("[DONE]"u8);
            if (!isDone)
            {
                using var json = JsonDocument.Parse(data);
                _text.Append(json.RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("content").GetString());
            }

            if (!screening.CanBlock)
            {
                release.Add(sseEvent);
                return true;
            }

            _pending.Add((sseEvent, _text.Length));
            if (isDone)
            {
                return ScreenAndRelease(release, int.MaxValue);
            }

            return _text.Length - _screenedLength < screening.HoldBackChars / 2 || ScreenAndRelease(release, _text.Length - screening.HoldBackChars);
        }

        public bool Finish(List<byte[]> release) => ScreenAndRelease(release, int.MaxValue);

        private bool ScreenAndRelease(List<byte[]> release, int safeEnd)
        {
            if (_screenedLength != _text.Length || !screening.CanBlock)
            {
                Outcome = screening.Screen(_text.ToString());
                _screenedLength = _text.Length;
            }

            if (Outcome.Blocked)
            {
                _pending.Clear();
                return false;
            }

            var released = 0;
            while (released < _pending.Count && _pending[released].ContentEnd <= safeEnd)
            {
                release.Add(_pending[released].Event);
                released++;
            }

            _pending.RemoveRange(0, released);
            return true;
        }
    }
}
