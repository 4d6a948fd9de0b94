using Tiergate.Core.Errors;

namespace Tiergate.Server.Limits;

/// <summary>Either a lease to settle later, or which limit refused and when to retry.</summary>
public sealed record LimitOutcome(UsageLease? Lease, ErrorCode? Refusal, TimeSpan RetryAfter, string? Reason)
{
    public bool Admitted => Lease is not null;

    public static LimitOutcome Admit(UsageLease lease) => new(lease, null, TimeSpan.Zero, null);

    public static LimitOutcome Refuse(ErrorCode code, TimeSpan retryAfter, string reason) => new(null, code, retryAfter, reason);
}
