using Tiergate.Safeguards.Screening;

namespace Tiergate.Server.Screening;

/// <summary>
/// One streamed answer being screened with a tier's output profile (<see cref="ContentScreening.BeginOutput"/>):
/// append the answer's text as it arrives; <see cref="Outcome"/> is the outcome of screening everything
/// appended so far as one text, computed once per change. Not thread-safe.
/// </summary>
public sealed class OutputScreeningSession
{
    private readonly ScreeningSession? _session;
    private readonly Func<ScreeningResult, ScreeningOutcome> _apply;
    private ScreeningOutcome? _outcome;

    /// <param name="session">The engine's session, or null when the profile lets everything through.</param>
    internal OutputScreeningSession(ScreeningSession? session, Func<ScreeningResult, ScreeningOutcome> apply)
    {
        _session = session;
        _apply = apply;
    }

    /// <summary>UTF-16 code units appended so far.</summary>
    public int Length { get; private set; }

    public ScreeningOutcome Outcome => _outcome ??= Length == 0 || _session is null ? ScreeningOutcome.Clean : _apply(_session.Current);

    public void Append(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        Length += text.Length;
        _session?.Append(text);
        _outcome = null;
    }
}
