namespace Tiergate.Core.Errors;

/// <summary>A failure with a stable code, raised where the caller's input or state is at fault.</summary>
/// <param name="param">The request parameter at fault, when one is (OpenAI's <c>error.param</c>).</param>
public sealed class TiergateException(ErrorCode code, string message, string? param = null) : Exception(message)
{
    public ErrorCode Code { get; } = code;

    public string? Param { get; } = param;
}
