namespace Tiergate.Storage.Crypto;

/// <summary>A key is missing, malformed or badly protected; the message says which and how to fix it.</summary>
public sealed class CryptographicSetupException(string message, Exception? inner = null) : Exception(message, inner);
