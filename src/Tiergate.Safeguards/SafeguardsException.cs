namespace Tiergate.Safeguards;

/// <summary>A failure of the safeguards engine with a stable <see cref="Code"/> (<c>TG3xxx</c>, listed in <see cref="SafeguardsErrorCodes"/>).</summary>
public sealed class SafeguardsException : Exception
{
    public SafeguardsException(SafeguardsErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public SafeguardsException(SafeguardsErrorCode code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    public SafeguardsErrorCode Code { get; }
}
