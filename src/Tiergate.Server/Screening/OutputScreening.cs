namespace Tiergate.Server.Screening;

/// <summary>
/// How to screen one answer: the tier's screening function for a whole answer, a session for a streamed
/// one, whether it can block, and the stream hold-back.
/// </summary>
public sealed record OutputScreening(Func<string, ScreeningOutcome> Screen, Func<OutputScreeningSession> Begin, bool CanBlock, int HoldBackChars)
{
    /// <summary>
    /// Where the tier's profile names an output guard: the whole screening (cascade and guard) of the answer so
    /// far, asked for a whole answer once, and for a stream at each hold-back window of new text and at its end,
    /// before the text it covers is sent. Null without a guard.
    /// </summary>
    public Func<string, CancellationToken, Task<ScreeningOutcome>>? Guard { get; init; }
}
