using Tiergate.Core.Audit;

namespace Tiergate.Server.Proxy;

/// <summary>
/// The durability of a request's admission audit record, which the first byte to the caller waits for: no model
/// output reaches a caller unless its admission record is durable. With <c>audit.order: before_upstream</c> the
/// gateway waits here before calling the upstream; with <c>before_response</c> the proxy starts the upstream call
/// first and waits here before it writes anything, so the group commit runs while the model works.
/// </summary>
/// <param name="durable">Completes when the record is durable; faults with <see cref="AuditUnavailableException"/> when it cannot be.</param>
/// <param name="onDurable">Runs once, when the record is known durable (the request's admitted usage event).</param>
public sealed class AdmissionGate(Task durable, Action onDurable)
{
    private bool _passed;

    /// <summary>True once the record is durable; false when it cannot be made durable. One request's flow calls it, possibly twice.</summary>
    public async ValueTask<bool> WaitAsync()
    {
        if (_passed)
        {
            return true;
        }

        try
        {
            await durable;
        }
        catch (AuditUnavailableException)
        {
            return false;
        }

        _passed = true;
        onDurable();
        return true;
    }
}
