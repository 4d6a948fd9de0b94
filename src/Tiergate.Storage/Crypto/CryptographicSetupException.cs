using Tiergate.Storage.Secrets;

namespace Tiergate.Storage.Crypto;

/// <summary>A key is missing, malformed or badly protected; the message says which and how to fix it.</summary>
public sealed class CryptographicSetupException : Exception
{
    public CryptographicSetupException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>A secret failed to load; the message ends with the problem's stable code.</summary>
    public CryptographicSetupException(SecretProblem reason, string message)
        : base($"{message} ({reason.Code()})")
    {
        Reason = reason;
    }

    /// <summary>Which secret-loading rule failed; null for other set-up failures.</summary>
    public SecretProblem? Reason { get; }
}
