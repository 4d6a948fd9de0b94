using Tiergate.Core.Audit;

namespace Tiergate.Cli;

/// <summary>For stores used only to read: any write would be a defect, so it throws instead of recording nothing.</summary>
internal sealed class NoAudit : IAuditLog
{
    public static readonly NoAudit Instance = new();

    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("A read-only use of a store writes no audit record.");
}
