namespace Tiergate.Storage.Audit;

/// <summary>One queued append and the completion its caller awaits.</summary>
internal sealed class PendingAppend(AuditRecordEntity record)
{
    public AuditRecordEntity Record { get; } = record;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When it was queued (<see cref="System.Diagnostics.Stopwatch"/> ticks), for the wait until its commit.</summary>
    public long Queued { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
}
