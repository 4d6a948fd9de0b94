using Tiergate.Core.Errors;

namespace Tiergate.Console.Passkeys;

/// <summary>The end of an assertion: the user it proved, or why it was refused (a code and a message for the page).</summary>
public sealed record PasskeyOutcome(long? UserId, ErrorCode? Error, string Message)
{
    public static PasskeyOutcome Refused(ErrorCode error, string message) => new(null, error, message);
}
