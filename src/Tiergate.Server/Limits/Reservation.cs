namespace Tiergate.Server.Limits;

/// <summary>Tokens held for one request from admission until the upstream reports what it used.</summary>
public sealed class Reservation
{
    internal Reservation(UsageWindowState state, long tokens, long minuteWindow, long dayWindow)
    {
        State = state;
        Tokens = tokens;
        MinuteWindow = minuteWindow;
        DayWindow = dayWindow;
    }

    public long Tokens { get; }

    internal UsageWindowState State { get; }

    internal long MinuteWindow { get; }

    internal long DayWindow { get; }

    internal int Settled;
}
