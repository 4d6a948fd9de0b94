using Tiergate.Core.Audit;

namespace Tiergate.Bench.Identity.Timing;

/// <summary>An audit log that records nothing: the cost excludes the audit commit.</summary>
internal sealed class NullAuditLog : IAuditLog
{
    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
