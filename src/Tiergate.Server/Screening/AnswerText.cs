using System.Text;

namespace Tiergate.Server.Screening;

/// <summary>
/// The text of a non-streamed completion as output screening sees it: every string the model returned
/// (<see cref="AnswerFields"/>), one text per channel (each choice's content, reasoning, refusal, legacy
/// text, logprob tokens; each tool call's name and arguments), and one text of the values that stand
/// alone (<c>top_logprobs</c> alternatives, ids, roles), one a line. The answer's outcome merges the
/// outcomes of its texts, as a stream's does (<see cref="StreamOutputGuard"/>).
/// </summary>
internal sealed class AnswerText : IAnswerTextSink
{
    private readonly Dictionary<string, StringBuilder> _channels = [];
    private readonly Dictionary<string, StringBuilder>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly StringBuilder _standalone = new();

    private AnswerText() => _lookup = _channels.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The texts of <paramref name="completion"/>, or null when it is not JSON in the shape of a completion.</summary>
    public static IReadOnlyList<string>? Of(ReadOnlySpan<byte> completion, List<JsonSplice> splices)
    {
        var text = new AnswerText();
        if (!new AnswerFields().TryRead(completion, text, splices, wholeAnswer: true))
        {
            return null;
        }

        var texts = text._channels.Values.Select(b => b.ToString()).ToList();
        if (text._standalone.Length > 0)
        {
            texts.Add(text._standalone.ToString());
        }

        return texts;
    }

    /// <summary>Screens each text of the answer and merges the outcomes.</summary>
    public static ScreeningOutcome Screen(IReadOnlyList<string> texts, OutputScreening screening)
    {
        var outcome = ScreeningOutcome.Clean;
        foreach (var text in texts)
        {
            outcome = ScreeningOutcome.Merge(outcome, screening.Screen(text));
        }

        return outcome;
    }

    void IAnswerTextSink.Text(ReadOnlySpan<char> channel, ReadOnlySpan<char> text, AnswerTextKind kind)
    {
        if (kind != AnswerTextKind.Continues)
        {
            _standalone.Append(text).Append('\n');
            return;
        }

        if (!_lookup.TryGetValue(channel, out var builder))
        {
            builder = new StringBuilder();
            _lookup[channel] = builder;
        }

        builder.Append(text);
    }
}
