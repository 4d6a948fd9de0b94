namespace Tiergate.Core.Errors;

/// <summary>A failure with a stable code, raised where the caller's input or state is at fault.</summary>
public sealed class TiergateException(ErrorCode code, string message) : Exception(message)
{
    public ErrorCode Code { get; } = code;
}
