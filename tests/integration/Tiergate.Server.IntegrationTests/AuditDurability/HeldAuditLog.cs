using Tiergate.Core.Audit;
using Tiergate.Storage.Audit;

namespace Tiergate.Server.IntegrationTests.AuditDurability;

/// <summary>
/// The gateway's real audit log with a hand on its admission records: each <c>gateway.request</c> append waits
/// before it reaches the log's queue until the test calls <see cref="Release"/>, so until then the record is not
/// durable (not in the database at all) and the gateway's wait for it is still in flight. Other records pass through.
/// </summary>
internal sealed class HeldAuditLog(AuditLog inner) : IAuditLog, IAsyncDisposable
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    /// <summary>Admission records the gateway has appended that wait for <see cref="Release"/>.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Lets the held records, and every later one, go on to the real log's group commit.</summary>
    public void Release() => _release.TrySetResult();

    public ValueTask AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return auditEvent.Action == "gateway.request" ? HeldAsync(auditEvent, cancellationToken) : inner.AppendAsync(auditEvent, cancellationToken);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async ValueTask HeldAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        await _release.Task.WaitAsync(cancellationToken);
        await inner.AppendAsync(auditEvent, cancellationToken);
    }
}
