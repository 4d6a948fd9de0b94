namespace Tiergate.Safeguards.Screening;

/// <summary>
/// Judges a conversation, not only its last message: the user turns joined (the most recent ones, up to
/// <see cref="WindowChars"/>), so intent spread over turns or split across messages shows, and the last turn
/// alone, so a long harmless set-up cannot dilute it. A category is flagged when either reading flags it.
/// </summary>
public sealed class ConversationScreener
{
    public ConversationScreener(Screener screener, int windowChars = 8192)
    {
        Screener = screener ?? throw new ArgumentNullException(nameof(screener));
        ArgumentOutOfRangeException.ThrowIfLessThan(windowChars, 1);
        WindowChars = windowChars;
    }

    public Screener Screener { get; }

    /// <summary>How many chars of the most recent user turns are joined (bounded work per request).</summary>
    public int WindowChars { get; }

    public ScreeningResult Screen(string text) => Screener.Screen(text);

    /// <summary>Screens the user turns of a conversation, oldest first.</summary>
    public ScreeningResult ScreenConversation(IReadOnlyList<string> userTurns)
    {
        ArgumentNullException.ThrowIfNull(userTurns);
        if (userTurns.Count == 0)
        {
            return Screener.Screen(string.Empty);
        }

        var last = Screener.Screen(userTurns[^1]);
        if (userTurns.Count == 1)
        {
            return last;
        }

        // The newest turns that fit the window, joined by a line break (words split across turns are rejoined by the decoders).
        var start = userTurns.Count - 1;
        var length = userTurns[^1].Length;
        while (start > 0 && length + userTurns[start - 1].Length + 1 <= WindowChars)
        {
            start--;
            length += userTurns[start].Length + 1;
        }

        var joined = string.Join('\n', userTurns.Skip(start));
        if (joined.Length > WindowChars)
        {
            joined = joined[^WindowChars..];
        }

        return Merge(last, Screener.Screen(joined));
    }

    /// <summary>Per category: the flagged verdict of the two (the last turn's first), else the higher score.</summary>
    public static ScreeningResult Merge(ScreeningResult first, ScreeningResult second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var merged = new CategoryVerdict[first.Verdicts.Count];
        for (var i = 0; i < merged.Length; i++)
        {
            var a = first.Verdicts[i];
            var b = second.For(a.Category) ?? a;
            merged[i] = a.Flagged ? a : b.Flagged ? b : (b.Score > a.Score ? b : a);
        }

        return new ScreeningResult(merged);
    }
}
