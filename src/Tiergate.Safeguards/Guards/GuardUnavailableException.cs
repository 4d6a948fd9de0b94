namespace Tiergate.Safeguards.Guards;

/// <summary>A guard call failed in a way that says nothing about the text: HTTP error, unreadable answer.</summary>
public sealed class GuardUnavailableException : Exception
{
    public GuardUnavailableException(string reason)
        : base(reason)
    {
    }

    public GuardUnavailableException(string reason, Exception inner)
        : base(reason, inner)
    {
    }

    public GuardUnavailableException()
    {
    }
}
