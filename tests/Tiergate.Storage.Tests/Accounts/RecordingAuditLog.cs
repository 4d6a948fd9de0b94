using Tiergate.Core.Audit;

namespace Tiergate.Storage.Tests.Accounts;

/// <summary>Keeps the events an administration appends, so tests can assert their names and details.</summary>
public sealed class RecordingAuditLog : IAuditLog
{
    public List<AuditEvent> Events { get; } = [];

    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        Events.Add(auditEvent);
        return ValueTask.CompletedTask;
    }
}
