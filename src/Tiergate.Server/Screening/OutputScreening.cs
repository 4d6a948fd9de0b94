namespace Tiergate.Server.Screening;

/// <summary>How to screen one answer: the tier's screening function, whether it can block, and the stream hold-back.</summary>
public sealed record OutputScreening(Func<string, ScreeningOutcome> Screen, bool CanBlock, int HoldBackChars);
