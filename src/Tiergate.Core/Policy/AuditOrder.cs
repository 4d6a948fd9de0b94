namespace Tiergate.Core.Policy;

/// <summary>
/// When a tier's admission audit record must be durable (<c>tiers[].audit.order</c>). Either way no model output
/// reaches a caller unless the record of its admission is durable; the orders differ in whether the model is called
/// before that is known.
/// </summary>
public enum AuditOrder
{
    /// <summary>
    /// The upstream call starts while the record's group commit is in flight; the first byte to the caller waits for
    /// the commit, and a record that cannot be made durable cancels the upstream call (503 <c>audit_unavailable</c>,
    /// nothing of the answer sent). The commit is off the critical path.
    /// </summary>
    BeforeResponse = 0,

    /// <summary>The model is not called until the record is durable: no model call without a durable record.</summary>
    BeforeUpstream = 1,
}
