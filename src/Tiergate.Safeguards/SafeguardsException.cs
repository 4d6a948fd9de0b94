namespace Tiergate.Safeguards;

/// <summary>A failure of the safeguards engine with a stable <see cref="Code"/> (<c>TG3xxx</c>).</summary>
public sealed class SafeguardsException : Exception
{
    public SafeguardsException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public SafeguardsException(string code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
    }

    public SafeguardsException()
    {
        Code = string.Empty;
    }

    public SafeguardsException(string message)
        : base(message)
    {
        Code = string.Empty;
    }

    public SafeguardsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = string.Empty;
    }

    public string Code { get; }
}
