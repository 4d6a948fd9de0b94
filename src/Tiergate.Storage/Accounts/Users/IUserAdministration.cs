using Tiergate.Core.Policy;
using Tiergate.Core.Vetting;

namespace Tiergate.Storage.Accounts.Users;

/// <summary>Users, as administrators change them; every change is audited with the acting <c>actor</c>.</summary>
public interface IUserAdministration
{
    /// <summary>Adds a user and grants every tier marked <c>auto_grant</c> (audited as <c>user.create</c>).</summary>
    Task<UserView> AddAsync(string email, string? name, string? organisation, IdentityLevel identity, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a user with a role (audited as <c>user.create</c>); an identity above <c>email</c> is recorded as an
    /// operator's verification with evidence "set at creation".
    /// </summary>
    Task<UserView> AddAsync(string email, string? name, string? organisation, IdentityLevel identity, UserRole role, string actor, CancellationToken cancellationToken = default);

    /// <summary>Changes a user's role (audited as <c>user.role</c>).</summary>
    Task<UserView> SetRoleAsync(string email, UserRole role, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives or takes the <c>privacy</c> permission (may unmask alerts of <c>aggregate</c>-privacy tiers, with an audited
    /// reason); audited as <c>user.privacy</c>.
    /// </summary>
    Task<UserView> SetPrivacyPermissionAsync(string email, bool allowed, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a person's check as verifications (<see cref="Identity.ManualVerification"/>): the level follows from the records
    /// (audited as <c>identity.verify</c>). The method is <c>operator</c>, <c>reviewer_in_person</c>, <c>reviewer_document</c> or <c>reviewer_institution</c>.
    /// </summary>
    Task<UserView> RecordIdentityCheckAsync(string email, IdentityLevel level, string method, string evidence, string actor, CancellationToken cancellationToken = default);

    /// <summary>As above, with how long the records count before they lapse by themselves (null for never).</summary>
    Task<UserView> RecordIdentityCheckAsync(string email, IdentityLevel level, string method, string evidence, TimeSpan? validFor, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Recomputes every user's blind index over the normalised email (<see cref="EmailAddress"/>), after an
    /// upgrade that changed the normalisation. Users whose addresses now coincide are reported, never merged
    /// (audited as <c>user.reindex</c>). Idempotent: a second run changes nothing.
    /// </summary>
    Task<EmailReindexResult> ReindexEmailsAsync(string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Users for an admin's list: the one with <paramref name="email"/> (emails are encrypted, so found by exact address
    /// through the blind index) or, with none, the newest <paramref name="limit"/>; audited as <c>user.list</c>.
    /// </summary>
    Task<IReadOnlyList<UserView>> SearchAsync(string? email, int limit, string actor, CancellationToken cancellationToken = default);

    /// <summary>One user by id with their grants; a read of personal data, audited as <c>user.read</c>. <see cref="UserErrors.UnknownUser"/> when absent.</summary>
    Task<UserView> GetAsync(long id, string actor, CancellationToken cancellationToken = default);

    /// <summary>The verifications recorded for a user, newest first, evidence decrypted (for admins only).</summary>
    Task<IReadOnlyList<Identity.VerificationView>> IdentityChecksAsync(long userId, CancellationToken cancellationToken = default);
}
