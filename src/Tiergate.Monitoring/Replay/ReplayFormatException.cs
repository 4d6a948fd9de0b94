namespace Tiergate.Monitoring.Replay;

/// <summary>A replay line that is not a valid event; the message names the line and the field.</summary>
public sealed class ReplayFormatException : Exception
{
    public ReplayFormatException()
        : base("invalid replay line")
    {
    }

    public ReplayFormatException(string message)
        : base(message)
    {
    }

    public ReplayFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
