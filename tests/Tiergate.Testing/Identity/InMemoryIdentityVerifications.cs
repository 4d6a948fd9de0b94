using Tiergate.Core.Errors;
using Tiergate.Core.Identity;
using Tiergate.Storage.Identity;

namespace Tiergate.Testing.Identity;

/// <summary>A test double of the verification records: one record per (method, vendor reference), updated only while pending, as the real one keeps.</summary>
public sealed class InMemoryIdentityVerifications(TimeProvider? time = null) : IIdentityVerifications
{
    private readonly List<VerificationView> _records = [];
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public IReadOnlyList<VerificationView> All
    {
        get
        {
            lock (_records)
            {
                return _records.ToList();
            }
        }
    }

    public Task<VerificationView> RecordAsync(long userId, NewVerification verification, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verification);
        lock (_records)
        {
            var now = _time.GetUtcNow();
            var existing = verification.VendorReference is null ? -1 : _records.FindIndex(r => r.Method == verification.Method && r.VendorReference == verification.VendorReference);
            if (existing >= 0 && (_records[existing].UserId != userId || _records[existing].Outcome != "pending"))
            {
                // As the real records: a session's result is final once it is not pending.
                throw new TiergateException(IdentityErrors.VerificationFinal, $"The {verification.Method} session already has a final outcome.");
            }

            var view = new VerificationView(
                existing >= 0 ? _records[existing].Id : _records.Count + 1, userId, verification.Kind.ToString().ToLowerInvariant(), verification.Method,
                verification.Outcome.ToString().ToLowerInvariant(), verification.Evidence, verification.VendorReference, actor, now, verification.ExpiresAt, null, null,
                verification.Outcome == VerificationOutcome.Verified && (verification.ExpiresAt is null || verification.ExpiresAt > now));
            if (existing >= 0)
            {
                _records[existing] = view;
            }
            else
            {
                _records.Add(view);
            }

            return Task.FromResult(view);
        }
    }

    public Task<VerificationView?> FindByVendorReferenceAsync(string method, string vendorReference, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            return Task.FromResult(_records.FirstOrDefault(r => r.Method == method && r.VendorReference == vendorReference));
        }
    }

    public Task<VerificationView> WithdrawAsync(long verificationId, string reason, string actor, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            var index = _records.FindIndex(r => r.Id == verificationId);
            _records[index] = _records[index] with { WithdrawnAt = _time.GetUtcNow(), WithdrawnReason = reason, Valid = false };
            return Task.FromResult(_records[index]);
        }
    }

    public Task<IReadOnlyList<VerificationView>> ListAsync(long userId, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            return Task.FromResult<IReadOnlyList<VerificationView>>(_records.Where(r => r.UserId == userId).OrderByDescending(r => r.Id).ToList());
        }
    }
}
