namespace Tiergate.Storage.Identity;

/// <summary>
/// The verifications recorded for each account, from which its identity level is derived (never set bare).
/// Every change recomputes the account's level and is audited (<c>identity.verify</c>, <c>identity.withdraw</c>).
/// </summary>
public interface IIdentityVerifications
{
    /// <summary>
    /// Records a verification for the user and recomputes their level. With a <see cref="NewVerification.VendorReference"/>
    /// already recorded for that method, that record is updated instead (a vendor's later result for the same session).
    /// </summary>
    Task<VerificationView> RecordAsync(long userId, NewVerification verification, string actor, CancellationToken cancellationToken = default);

    /// <summary>The record with this method and vendor reference, or null (how a webhook finds the session it answers).</summary>
    Task<VerificationView?> FindByVendorReferenceAsync(string method, string vendorReference, CancellationToken cancellationToken = default);

    /// <summary>Withdraws a verification (it no longer counts; the level follows at once), with an audited reason.</summary>
    Task<VerificationView> WithdrawAsync(long verificationId, string reason, string actor, CancellationToken cancellationToken = default);

    /// <summary>The user's verifications, newest first, evidence decrypted (for admins and reviewers).</summary>
    Task<IReadOnlyList<VerificationView>> ListAsync(long userId, CancellationToken cancellationToken = default);
}
