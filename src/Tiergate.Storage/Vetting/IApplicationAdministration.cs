using Tiergate.Core.Vetting;

namespace Tiergate.Storage.Vetting;

/// <summary>
/// Applications for tiers and their review. Every change is audited with the acting <c>actor</c> (refusals too),
/// and the applicant is told through the notifier at every status change.
/// </summary>
public interface IApplicationAdministration
{
    /// <summary>Submits an application, recording acceptance of the tier policy's current version and when (audited as <c>application.submit</c>).</summary>
    Task<ApplicationView> SubmitAsync(ApplicationRequest request, string actor, CancellationToken cancellationToken = default);

    /// <summary>Applications, newest first, with the flags a reviewer needs; optionally by status and applicant (audited as <c>application.list</c>).</summary>
    Task<IReadOnlyList<ApplicationView>> ListAsync(ApplicationStatus? status, string? email, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a reviewer's decision under <see cref="ReviewRules"/>; the approval that reaches the tier's count creates
    /// the grant for the tier's <c>grant_days</c> (audited as <c>application.review</c>).
    /// </summary>
    Task<ApplicationView> ReviewAsync(long id, string reviewerEmail, ReviewVerdict verdict, string? reason, string actor, CancellationToken cancellationToken = default);

    /// <summary>Resubmits a needs-info application with an updated use case: a new round, reviewed afresh (audited as <c>application.resubmit</c>).</summary>
    Task<ApplicationView> ResubmitAsync(long id, string useCase, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// The pending applications, oldest first (the order reviewers work in), with each applicant's identity level and
    /// account age (audited as <c>application.list</c>).
    /// </summary>
    Task<IReadOnlyList<QueueEntry>> ReviewQueueAsync(string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// One application with what a reviewer decides on: the applicant's identity level, account age, other applications
    /// and grants; a read of personal data, audited as <c>application.read</c>. <see cref="Tiergate.Core.Vetting.VettingErrors.UnknownApplication"/> when absent.
    /// </summary>
    Task<ApplicationDossier> DossierAsync(long id, string actor, CancellationToken cancellationToken = default);

    /// <summary>The applications of the user with this id, newest first, for the applicant's own pages (their own data: not audited as a read).</summary>
    Task<IReadOnlyList<ApplicationView>> ForApplicantAsync(long userId, CancellationToken cancellationToken = default);
}
