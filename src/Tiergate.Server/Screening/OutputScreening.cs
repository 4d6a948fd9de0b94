namespace Tiergate.Server.Screening;

/// <summary>
/// How to screen one answer: the tier's screening function for a whole answer, a session for a streamed
/// one, whether it can block, and the stream hold-back.
/// </summary>
public sealed record OutputScreening(Func<string, ScreeningOutcome> Screen, Func<OutputScreeningSession> Begin, bool CanBlock, int HoldBackChars);
