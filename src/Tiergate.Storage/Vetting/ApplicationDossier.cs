using Tiergate.Storage.Accounts.Grants;

namespace Tiergate.Storage.Vetting;

/// <summary>
/// What a reviewer needs to decide on one application: the application with its prior decisions, and the
/// applicant's identity level, account age, other applications and grants.
/// </summary>
/// <param name="History">The applicant's other applications, newest first.</param>
/// <param name="Grants">Every grant the applicant has held, newest first (revoked and expired ones too).</param>
/// <param name="PermittedUses">The permitted uses of the tier's policy the applicant ticked, in the policy's words.</param>
public sealed record ApplicationDossier(
    ApplicationView Application,
    long ApplicantId,
    string Identity,
    DateTimeOffset AccountCreatedAt,
    IReadOnlyList<ApplicationView> History,
    IReadOnlyList<GrantView> Grants,
    IReadOnlyList<string> PermittedUses)
{
    /// <summary>The applicant's cluster (accounts sharing a strong identifier) and possible weak links, with the evidence of each.</summary>
    public Identity.Links.IdentityLinks? Links { get; init; }
}
