namespace Tiergate.Core.Audit;

/// <summary>
/// The append-only audit log. <see cref="AppendAsync"/> returns only once the record is durable and
/// throws <see cref="AuditUnavailableException"/> otherwise: callers fail closed on that exception.
/// </summary>
public interface IAuditLog
{
    ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}
