using Tiergate.Core.Errors;

namespace Tiergate.Server.Limits;

/// <summary>Either a reservation to settle later, or which limit refused and when to retry.</summary>
public sealed record LimitOutcome(Reservation? Reservation, ErrorCode? Refusal, TimeSpan RetryAfter, string? Reason)
{
    public bool Admitted => Reservation is not null;
}
