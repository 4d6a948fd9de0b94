namespace Tiergate.Core.Audit;

/// <summary>The audit record could not be made durable; the action it describes must not proceed.</summary>
public sealed class AuditUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
